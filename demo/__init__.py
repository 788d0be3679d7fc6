"""Demo data that spans the apps: the one package allowed to import every app (docs/architecture.md).

``seed_demo`` loads the registry (infrastructure/demo), the demo logins (``demo.logins``), then each app's own
demo loader in the order of the layers: obligations, incidents, audits. Each app's loader imports only its
own app and the layers below it; only this package knows them all.
"""
