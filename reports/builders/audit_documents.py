"""The written notice of an audit (稽核辦法 Art 4) and its audit report (Art 7 II), from the audits app."""

from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from audits import rules
from audits.models import Audit
from common.names import person_name
from reports import data as d
from reports.pdf.styles import date_text


def _header(audit: Audit, *, kind: str, language: str, now: datetime) -> d.ReportHeader:
    return d.ReportHeader(
        kind=kind,
        language=language,
        subject=audit.auditee.name,
        year=audit.plan.year,
        number="",
        version=1,
        issuer=audit.plan.authority.name,
        classification=_("Restricted"),
        generated_at=now,
    )


def _team(audit: Audit) -> d.Section:
    members = [m for m in audit.team.all() if m.removed_at is None]
    return d.Section(
        key="team",
        title=_("Audit team"),
        columns=(_("Name"), _("Role"), _("Organisation")),
        rows=tuple((person_name(m.user), str(m.get_role_display()), m.organisation) for m in members),
    )


def build_audit_notice(*, audit: Audit, language: str, now: datetime) -> d.AuditDocument:
    with translation.override(language):
        plan, lang = audit.plan, language
        methods = [
            label
            for on, label in (
                (plan.on_site, _("on-site audit")),
                (plan.document_review, _("document review")),
                (plan.technical_testing, _("technical testing")),
            )
            if on
        ]
        fields = (
            d.Field(_("Auditee"), audit.auditee.name),
            d.Field(_("Audit plan"), plan.title),
            d.Field(_("Legal basis"), plan.legal_basis),
            d.Field(_("Basis and purpose"), plan.purpose),
            d.Field(_("Audit date"), f"{date_text(audit.starts_on, lang)} – {date_text(audit.ends_on, lang)}"),
            d.Field(_("Place"), audit.place),
            d.Field(_("Method"), "、".join(str(m) for m in methods)),
            d.Field(_("Focus areas"), plan.focus_areas),
            d.Field(_("Criteria and items"), plan.criteria),
            d.Field(_("Confidentiality terms"), plan.confidentiality_terms),
            d.Field(_("Notice sent on"), date_text(audit.notice_sent_on, lang)),
            d.Field(_("New date may be asked until"), date_text(audit.reschedule_due_at, lang)),
        )
        closing = _(
            "The auditee may, for business reasons or another good cause, ask in writing with reasons for another "
            "audit date within five days of receiving this notice; once only, unless for force majeure (Art. 4 II–III "
            "of the audit regulation)."
        )
        return d.AuditDocument(
            header=_header(audit, kind="audit_notice", language=language, now=now),
            title=_("Written notice of an audit"),
            fields=fields,
            tables=(_team(audit),),
            closing=closing,
        )


def build_audit_report(*, audit: Audit, language: str, now: datetime) -> d.AuditDocument:
    with translation.override(language):
        lang = language
        fields = (
            d.Field(_("Auditee"), audit.auditee.name),
            d.Field(_("Audit plan"), audit.plan.title),
            d.Field(_("Audit date"), f"{date_text(audit.starts_on, lang)} – {date_text(audit.ends_on, lang)}"),
            d.Field(_("Scope of the audit"), audit.scope or "—"),
            d.Field(_("Documents refused, reasons and decision"), audit.refusals or "—"),
            d.Field(_("Other"), audit.report_notes or "—"),
            d.Field(_("Audit report issued at"), date_text(audit.report_issued_at, lang)),
            d.Field(_("Improvement report due"), date_text(audit.improvement_due_at, lang)),
        )
        findings = d.Section(
            key="findings",
            title=_("Deficiencies and items to improve"),
            columns=(_("No."), _("Kind"), _("Severity"), _("Checklist item"), _("Finding")),
            rows=tuple(
                (
                    str(f.number),
                    str(rules.FindingKind(f.kind).label),
                    str(rules.Severity(f.severity).label),
                    f.item.item_no if f.item_id else "—",
                    f.description,
                )
                for f in audit.findings.select_related("item").order_by("number")
            ),
        )
        closing = _(
            "Deficiencies and items to improve need an improvement report within one month of receiving this report "
            "(Art. 8 I of the audit regulation): for each, its cause, the measures, the planned completion date and how "
            "progress is tracked."
        )
        return d.AuditDocument(
            header=_header(audit, kind="audit_report", language=language, now=now),
            title=_("Audit report"),
            fields=fields,
            tables=(findings, _team(audit)),
            closing=closing,
        )
