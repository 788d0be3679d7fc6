FORMATS = ("xlsx", "csv")


def agency_export(*, agencies, file_format: str) -> tuple[bytes, str]:
    raise NotImplementedError  # written by the import/export work (in progress)
