"""Staffing, training and certificate records (feeding the awareness obligations)."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from infrastructure.models import Agency
from obligations.models import Certificate, StaffingRecord, TrainingRecord
from obligations.services.events import Kind, record_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def staffing_record(
    *,
    now: datetime,
    agency: Agency,
    year: int,
    dedicated_headcount: int,
    full_time_headcount: int,
    acting_user: "User | None",
    channel: str = "web",
) -> StaffingRecord:
    existing = StaffingRecord.objects.filter(agency=agency, year=year).first()
    before = {"dedicated": existing.dedicated_headcount, "full_time": existing.full_time_headcount} if existing else {}
    record = existing or StaffingRecord(agency=agency, year=year)
    record.dedicated_headcount, record.full_time_headcount = dedicated_headcount, full_time_headcount
    record.recorded_by = acting_user
    record.full_clean(validate_unique=False)
    record.save()
    record_event(
        Kind.STAFFING_RECORDED,
        actor=acting_user,
        channel=channel,
        agency=agency,
        data={
            "year": year,
            "before": before,
            "after": {"dedicated": dedicated_headcount, "full_time": full_time_headcount},
        },
        now=now,
    )
    return record


@transaction.atomic
def training_record_add(
    *,
    now: datetime,
    agency: Agency,
    person_name: str,
    person_role: str,
    category: str,
    course: str,
    hours: Decimal,
    completed_on: date,
    acting_user: "User | None",
    channel: str = "web",
) -> TrainingRecord:
    record = TrainingRecord(
        agency=agency,
        person_name=person_name.strip(),
        person_role=person_role,
        category=category,
        course=course.strip(),
        hours=hours,
        completed_on=completed_on,
        recorded_by=acting_user,
    )
    record.full_clean()
    record.save()
    record_event(
        Kind.TRAINING_RECORDED,
        actor=acting_user,
        channel=channel,
        agency=agency,
        data={
            "after": {
                "person": record.person_name,
                "category": category,
                "hours": str(hours),
                "completed_on": completed_on,
            }
        },
        now=now,
    )
    return record


@transaction.atomic
def certificate_add(
    *,
    now: datetime,
    agency: Agency,
    person_name: str,
    kind: str,
    name: str,
    valid_from: date,
    valid_until: date | None,
    acting_user: "User | None",
    channel: str = "web",
) -> Certificate:
    certificate = Certificate(
        agency=agency,
        person_name=person_name.strip(),
        kind=kind,
        name=name.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=acting_user,
    )
    certificate.full_clean()
    certificate.save()
    record_event(
        Kind.CERTIFICATE_RECORDED,
        actor=acting_user,
        channel=channel,
        agency=agency,
        data={
            "after": {
                "person": certificate.person_name,
                "kind": kind,
                "name": certificate.name,
                "valid_until": valid_until,
            }
        },
        now=now,
    )
    return certificate
