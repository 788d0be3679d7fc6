"""The Executive Yuan (行政院) with its ministries, councils and subordinate agencies, as of 2026.

Criteria follow 分級辦法 Arts 4-8: A at ministries and agencies running national systems, B at regional bodies
and public hospitals, C-E below. The tables are in ``ministries`` and ``councils``.
"""

from infrastructure.demo.builder import Node, n
from infrastructure.demo.councils import councils
from infrastructure.demo.ministries import ministries


def executive_yuan() -> Node:
    return n(
        "行政院",
        "A-1 A-2 A-3",
        *ministries(),
        *councils(),
        domain="ey.gov.tw",
        en="Executive Yuan",
        sectors=("government",),
    )
