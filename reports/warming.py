"""Keep the regulators' report figures computed (docs/legal-decisions.md, "Reports: figures and dashboards").

The national dashboard and compliance list count every obligation of the year: seconds of work that the first
visitor of the day (and, without a shared cache, of every web process) would wait for. Beat refreshes them
every few minutes, before the kept entry expires (reports/caching.py), for each scope a competent-authority or
sector-regulator user has — the same scopes, and so the same cache keys, as their pages ask for. Superior
agencies' and agencies' scopes are small: their pages count on the first visit, once (the lock in
``caching.cached``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation

from access.policy import Role
from access.selectors import users_holding
from infrastructure.selectors import AgencyFilters
from reports import caching, selectors
from reports.dashboards import dashboard_data_cached, dashboard_key, dashboard_scope_for, year_choices

WARMED_ROLES = (Role.ADMINISTRATOR, Role.COMPETENT_AUTHORITY, Role.SECTOR_REGULATOR)
REFRESH_SECONDS = 240  # beat's interval (csma/settings/base.py): inside caching.CACHE_SECONDS


@dataclass(frozen=True)
class Warmed:
    scopes: int  # distinct scopes refreshed (each: its dashboard and its compliance list)
    users: int  # users whose scopes were looked at


def warm_report_figures(*, now: datetime) -> Warmed:
    """Count anew and keep the running year's dashboard and compliance figures of every regulator scope."""
    today = timezone.localdate(now)
    year = year_choices(today=today)[0]
    keys: list[str] = []  # per scope refreshed: its dashboard's key, then its compliance list's
    users = list(users_holding(roles=WARMED_ROLES))
    with translation.override(settings.LANGUAGE_CODE):  # the dashboards' charts hold translated text
        for user in users:
            scope = dashboard_scope_for(user=user)
            if scope is None or dashboard_key(agencies=scope.agencies, year=year, today=today) in keys:
                continue
            dashboard_data_cached(agencies=scope.agencies, year=year, today=today, now=now, refresh=True)
            agencies = selectors.compliance_agencies(visible=scope.agencies, filters=AgencyFilters())
            selectors.compliance_figures_cached(agencies=agencies, year=year, today=today, now=now, refresh=True)
            keys += [
                dashboard_key(agencies=scope.agencies, year=year, today=today),
                selectors.compliance_key(agencies=agencies, year=year, today=today),
            ]
    caching.remember_warmed(keys)
    return Warmed(scopes=len(keys) // 2, users=len(users))
