"""The project's sample plan: a fictional response to an LGA Corporate Peer Challenge.

The plan is fictional: every recommendation, action, name, number and date
here was written for this project, and Fareham Borough Council did not write
it.  It is put in a real council's name so that what the tool does with a
real council shows on the sample (its ONS GSS code, type and region from the
register, grouping by them in ``compare``); its title says it is a sample.
``make_samples.py`` typesets this plan in the layouts councils use (a
sectioned PDF, a tab-separated text export, a borderless PDF, a flowed
labelled text, a column-aligned text, an HTML page) and writes, for each, the records a correct extraction contains.
"""

from __future__ import annotations

from typing import Any

COUNCIL = "Fareham Borough Council"
TITLE = "Corporate Peer Challenge Action Plan (fictional sample)"
DATE = "2025-03"
DATE_TEXT = "March 2025"

INTRO = (
    "In November 2024 the council invited a Local Government Association peer team to carry out a "
    "Corporate Peer Challenge. The peers made six recommendations. This plan sets out what we will do "
    "in response, who will lead each action and when it will be done. Progress will be reported to "
    "Cabinet every quarter."
)

# Each recommendation: its words, an optional sponsor named above its table, and
# objectives with their actions.  An objective's timescales are either one for
# all its actions or one per action, in order.
RECOMMENDATIONS: list[dict[str, Any]] = [
    {
        "id": "1",
        "text": (
            "Set out a clear, long-term vision for Fareham that is shaped with residents, partners and businesses."
        ),
        "objectives": [
            {
                "id": "1.1",
                "text": "Agree a shared vision for the borough with our partners",
                "actions": [
                    "Hold a place summit with health, police, business and voluntary sector partners to test draft "
                    "priorities.",
                    "Publish the draft vision for a twelve-week public consultation, including events in every ward.",
                    "Take the final vision to Full Council for adoption.",
                ],
                "owner": "Chief Executive",
                "timescales": ["June 2025", "Summer 2025", "November 2025"],
                "measure": "Vision adopted by Full Council; at least 2,000 consultation responses",
            },
            {
                "id": "1.2",
                "text": "Make sure the Corporate Plan delivers the vision",
                "actions": [
                    "Refresh the Corporate Plan 2026-2030 so that every priority can be traced back to the vision.",
                    "Align service plans and team objectives with the refreshed Corporate Plan.",
                ],
                "owner": "Head of Policy, Performance and Insight",
                "timescales": ["Q4 2025/26"],
                "measure": "Corporate Plan approved; all service plans signed off against it",
            },
        ],
    },
    {
        "id": "2",
        "text": "Strengthen medium-term financial planning to close the budget gap forecast for 2027/28.",
        "sponsor": "Director of Finance (S151)",
        "objectives": [
            {
                "id": "2.1",
                "text": "Deliver a balanced Medium Term Financial Strategy",
                "actions": [
                    "Agree a savings and income programme covering 2026/27 to 2028/29.",
                    "Report progress against savings targets to Cabinet each quarter.",
                ],
                "owner": None,
                "timescales": ["February 2026", "Quarterly"],
                "measure": "Balanced budget set for 2026/27; savings tracker reported quarterly",
            },
            {
                "id": "2.2",
                "text": "Improve control of the capital programme",
                "actions": [
                    "Review the capital programme and re-profile schemes that have slipped by more than six months.",
                    "Introduce gateway reviews for every capital scheme over £1m, with a report to the Audit Committee "
                    "after each review so that members can see how decisions on cost, scope and timing were made.",
                    "Publish a capital strategy alongside the budget.",
                ],
                "owner": "Head of Finance / Capital Programme Manager",
                "timescales": ["By December 2025"],
                "measure": "Capital outturn within 10% of the revised programme",
            },
        ],
    },
    {
        "id": "3",
        "text": "Invest in the skills and wellbeing of staff so that the council is a good place to work.",
        "objectives": [
            {
                "id": "3.1",
                "text": "Launch a workforce strategy",
                "actions": [
                    "Run a staff survey and publish the results to all staff.",
                    "Agree a workforce strategy with managers, staff networks and the trade unions.",
                    "Introduce a leadership programme for team leaders and service managers.",
                ],
                "owner": "Head of HR and Organisational Development",
                "timescales": ["April-Sept 2025"],
                "measure": "Staff survey response rate above 60%; strategy approved by Cabinet",
            },
            {
                "id": "3.2",
                "text": "Support staff wellbeing",
                "actions": [
                    "Extend the employee assistance programme to cover financial wellbeing advice.",
                    "Train mental health first aiders in every directorate.",
                ],
                "owner": "Head of HR and Organisational Development",
                "timescales": ["Ongoing"],
                "measure": "Sickness absence below 8 days per employee",
            },
        ],
    },
    {
        "id": "4",
        "text": "Review governance so that overview and scrutiny adds value to decision-making.",
        "objectives": [
            {
                "id": "4.1",
                "text": "Refocus scrutiny on the council's priorities",
                "actions": [
                    "Commission an independent review of the committee structure and the work programme of overview "
                    "and scrutiny.",
                    "Hold a joint planning session for scrutiny chairs and Cabinet members each year.",
                ],
                "owner": "Monitoring Officer",
                "timescales": ["Spring 2026"],
                "measure": "Review reported to Full Council; work programme agreed",
            },
        ],
    },
    {
        "id": "5",
        "text": "Make better use of data and insight to manage performance and target resources.",
        "objectives": [
            {
                "id": "5.1",
                "text": "Build a single view of performance",
                "actions": [
                    "Replace the performance spreadsheets with a dashboard shared by Cabinet and senior managers.",
                    "Publish quarterly performance reports on the council's website.",
                ],
                "owner": "Head of Policy, Performance and Insight",
                "timescales": ["Q3 2025/26"],
                "measure": "Dashboard live; four quarterly reports published",
            },
        ],
    },
    {
        "id": "6",
        "text": "Work with the voluntary and community sector to help residents with the cost of living.",
        "sponsor": "Cabinet Member for Communities",
        "objectives": [
            {
                "id": "6.1",
                "text": "Coordinate cost of living support",
                "actions": [
                    "Set up a cost of living partnership with advice agencies, food banks and housing associations.",
                    "Open warm spaces in libraries and community centres.",
                ],
                "owner": "Head of Housing and Communities",
                "timescales": ["Winter 2025/26"],
                "measure": "Partnership meeting monthly; warm spaces open five days a week",
            },
        ],
    },
]
