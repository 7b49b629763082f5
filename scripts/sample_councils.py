"""Two more fictional plans for the bundled sample, so that ``actionplans compare`` on a fresh clone compares
something.

The plans are fictional: every name, number and date here was written for
this project, and neither Harborough District Council nor Norfolk County
Council wrote them.  They are put in real councils' names (a district in the
East Midlands, a county in the East of England, beside Fareham, a borough in
the South East) so that councils' codes, types and regions show on the
sample; their titles say they are samples.  Each module-level
plan has the shape of :mod:`sample_plan` (``COUNCIL``, ``TITLE``, ``DATE``,
``DATE_TEXT``, ``INTRO``, ``RECOMMENDATIONS``), and ``make_samples.py``
typesets them with its own writers: Harborough's as a Word document with a RAG
column, Norfolk's as an Excel tracker over two sheets.  They differ from
Fareham's plan, and from each other, in size, owner wordings and due dates.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any


def _plan(**fields: Any) -> SimpleNamespace:
    return SimpleNamespace(**fields)


HARBOROUGH = _plan(
    COUNCIL="Harborough District Council",
    TITLE="Peer Challenge Action Plan (fictional sample)",
    DATE="2024-09",
    DATE_TEXT="September 2024",
    INTRO=(
        "The LGA peer team visited Harborough in June 2024 and made four recommendations. The actions below "
        "respond to each; the RAG column shows progress at the last report to the Overview and Scrutiny "
        "Committee."
    ),
    RECOMMENDATIONS=[
        {
            "id": "1",
            "text": "Develop a housing delivery plan that brings forward affordable homes on council land.",
            "objectives": [
                {
                    "id": "1.1",
                    "text": "Housing delivery",
                    "actions": [
                        "Complete a review of council-owned sites suitable for affordable housing.",
                        "Agree a housing delivery plan with the registered provider partnership.",
                        "Start work on the first two sites at Mill Lane and Station Yard.",
                    ],
                    "owner": "Head of Housing Services",
                    "timescales": ["December 2024", "March 2025", "Q2 2025/26"],
                    "measure": None,
                },
            ],
        },
        {
            "id": "2",
            "text": "Improve the speed and quality of planning decisions.",
            "objectives": [
                {
                    "id": "2.1",
                    "text": "Planning performance",
                    "actions": [
                        "Recruit two senior planning officers to fill the vacant posts.",
                        "Introduce a pre-application advice service with published charges.",
                    ],
                    "owner": "Planning Services Manager",
                    "timescales": ["January 2025", "April 2025"],
                    "measure": None,
                },
            ],
        },
        {
            "id": "3",
            "text": "Strengthen scrutiny so that it adds value to the council's decisions.",
            "objectives": [
                {
                    "id": "3.1",
                    "text": "Scrutiny",
                    "actions": [
                        "Agree an annual scrutiny work programme linked to the council's priorities.",
                        "Provide training for all scrutiny members on questioning skills.",
                    ],
                    "owner": "Monitoring Officer / Democratic Services Manager",
                    "timescales": ["November 2024"],
                    "measure": None,
                },
            ],
        },
        {
            "id": "4",
            "text": "Set out how the council will reach net zero for its own operations by 2030.",
            "objectives": [
                {
                    "id": "4.1",
                    "text": "Climate",
                    "actions": [
                        "Publish a carbon reduction plan for the council's buildings and fleet.",
                        "Replace the remaining diesel refuse vehicles with electric vehicles.",
                        "Report the council's carbon emissions to Cabinet each year.",
                    ],
                    "owner": "Cabinet Member for Environment",
                    "timescales": ["June 2025", "March 2027", "Annually"],
                    "measure": None,
                },
            ],
        },
    ],
)

NORFOLK = _plan(
    COUNCIL="Norfolk County Council",
    TITLE="Corporate Improvement Plan (fictional sample)",
    DATE="2025-06",
    DATE_TEXT="June 2025",
    INTRO=(
        "This improvement plan responds to the Corporate Peer Challenge of February 2025. It is monitored by "
        "the Corporate Leadership Team monthly and reported to Cabinet every quarter."
    ),
    RECOMMENDATIONS=[
        {
            "id": "1",
            "text": "Put adult social care on a sustainable footing as demand grows.",
            "objectives": [
                {
                    "id": "1.1",
                    "text": "Adult social care",
                    "actions": [
                        "Redesign the front door to adult social care so more people are helped at first contact.",
                        "Commission extra care housing places with district councils and providers.",
                        "Agree a workforce plan for care staff with the NHS integrated care board.",
                    ],
                    "owner": "Executive Director of Adult Social Care and Health",
                    "timescales": ["December 2025", "Q4 2026/27", "March 2026"],
                    "measure": None,
                },
            ],
        },
        {
            "id": "2",
            "text": "Improve outcomes for children with special educational needs and disabilities.",
            "objectives": [
                {
                    "id": "2.1",
                    "text": "SEND",
                    "actions": [
                        "Open two new specialist school units so that fewer children travel out of county.",
                        "Clear the backlog of education, health and care plan assessments.",
                        "Publish a refreshed SEND strategy co-produced with parents and carers.",
                    ],
                    "owner": "Director of Children's Services",
                    "timescales": ["September 2026", "March 2026", "Autumn 2025"],
                    "measure": None,
                },
            ],
        },
        {
            "id": "3",
            "text": "Close the budget gap in the Medium Term Financial Strategy without using reserves.",
            "objectives": [
                {
                    "id": "3.1",
                    "text": "Finance",
                    "actions": [
                        "Agree a savings programme of GBP 24m over three years.",
                        "Review fees and charges against those of neighbouring councils.",
                        "Report the savings tracker to Cabinet every quarter.",
                    ],
                    "owner": "Director of Finance (S151 Officer)",
                    "timescales": ["February 2026", "October 2025", "Quarterly"],
                    "measure": None,
                },
            ],
        },
        {
            "id": "4",
            "text": "Use digital services and data to improve how residents contact the council.",
            "objectives": [
                {
                    "id": "4.1",
                    "text": "Digital",
                    "actions": [
                        "Launch a new council website with online forms for the twenty most used services.",
                        "Move the council's systems to the cloud and retire the old data centre.",
                    ],
                    "owner": "Chief Digital Officer",
                    "timescales": ["March 2026", "March 2027"],
                    "measure": None,
                },
            ],
        },
        {
            "id": "5",
            "text": "Work with district councils and partners on a shared plan for growth across the county.",
            "objectives": [
                {
                    "id": "5.1",
                    "text": "Growth",
                    "actions": [
                        "Agree a county-wide economic growth strategy with the district councils.",
                        "Bid for transport funding for the Norwich to Dereham bus corridor.",
                        "Set up a partnership board with business and education leaders.",
                    ],
                    "owner": "Cabinet Member for Economy and Transport",
                    "timescales": ["July 2026", "Q3 2025/26", "January 2026"],
                    "measure": None,
                },
            ],
        },
    ],
)
