#!/usr/bin/env python3
"""Writes a convenor config directory with N generated groups, for the benchmarks.

Usage: gen_config.py N DIR [--smtp URL --ca CA --password-file FILE] [--rate R] [--meetings-from YYYY-MM]

DIR gets convenor.yaml (templates from the repository's templates/, state and outbox inside DIR) and
groups/gNNNNN.yaml. Groups differ in windows, proposal rule, time zone, venue or online link and meeting
dates, so the scheduler sees a realistic mix rather than one group copied N times. Deterministic: the same
N gives the same files.
"""
import argparse
import datetime
import os
import random

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WINDOW_SETS = [["Mar", "Sep-Oct"], ["Oct-Nov", "Feb", "Jun"], ["Sep", "Nov", "Jan-Feb", "Mar", "May"],
               ["Jan", "Apr", "Jul", "Oct"], ["Nov", "May"]]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PROPOSE = ["last Thursday 10:30", "second Wednesday 14:00", "third Tuesday 13:00", "first Monday 11:00",
           "second Friday 10:00"]
ZONES = ["Europe/London", "Europe/London", "Europe/London", "America/New_York", "Europe/Dublin"]
SURNAMES = ["Marsh", "Townson", "Gladwin", "Stubbs", "Whitfield", "Ortega", "Natarajan", "Okafor", "Lindqvist",
            "Nakamura", "Kowalski", "Haddad"]
TOPICS = ["Rare Books", "Customer Services", "Resource Sharing", "Metadata", "Research Data", "Digital Skills",
          "Archives", "Open Access", "Copyright", "Learning Spaces"]


def installation(directory, smtp, ca, password_file, rate):
    delivery = "delivery:\n  transport: outbox\n"
    if smtp:
        delivery = (f"delivery:\n  transport: smtp\n  rate_per_minute: {rate}\n  smtp:\n    url: {smtp}\n"
                    f"    username: convenor@example.ac.uk\n    password_file: {password_file}\n")
        if ca:
            delivery += f"    ca_file: {ca}\n"
        delivery += "    connect_timeout: 5 seconds\n    response_timeout: 5 seconds\n"
    return f"""network: Academic Libraries North
timezone: Europe/London
from: "ALN Groups <groups@aln.example.org>"
operator: convenor-alerts@aln.example.org
state_dir: {directory}/state
outbox_dir: {directory}/outbox
templates_dir: {REPOSITORY}/templates
send_time: "09:00"
working_days: [mon, tue, wed, thu, fri]
closures: [2026-12-24..2027-01-01, 2027-04-02]
mailings:
  announcement: 28 days before
  call-for-agenda: 21 days before
  agenda: 7 days before
  reminder: 1 day before
  confirm-date: 8 weeks before window
  minutes-chase: 14 days after
  tor-review: 12 months after update
{delivery}"""


def group(index, meetings_from):
    rng = random.Random(index)
    topic = TOPICS[index % len(TOPICS)]
    kind = "SIG" if index % 2 else "CoP"
    chairs = []
    for c in range(1 + index % 2):
        surname = rng.choice(SURNAMES)
        chairs.append(f"  - {{name: Chair{c} {surname}, email: chair{c}.g{index}@example.ac.uk, "
                      f"institution: University {index % 37}}}")
    place = (f"  online: https://teams.example.org/l/meetup-join/g{index}" if index % 3 == 0
             else f'  venue: "Room {index % 90}.{index % 7}, Library {index % 13}"')
    # Two meetings in the group's own windows after `meetings_from`, on working days outside the closures.
    year, month = (int(part) for part in meetings_from.split("-"))
    window_months = sorted({MONTHS.index(window.split("-")[0]) + 1
                            for window in WINDOW_SETS[index % len(WINDOW_SETS)]})
    meetings = []
    candidate = datetime.date(year, month, 1)
    while len(meetings) < 2:
        candidate = (candidate.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        if candidate.month not in window_months:
            continue
        day = candidate.replace(day=8 + rng.randrange(14))
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        hour = rng.choice(["10:00", "10:30", "13:00", "14:00"])
        meetings.append(f"  - start: {day.isoformat()} {hour}\n"
                        f"    agenda: [Welcome, {topic} update {len(meetings)}, Any other business]")
    return f"""id: g{index:05d}
name: {topic} {kind} {index}
type: {kind}
remit: >
  For library staff with a shared interest in {topic.lower()} to meet, exchange ideas and knowledge,
  explore new initiatives and develop best practice (group {index}).
chairs:
{chr(10).join(chairs)}
liaison: {{name: Theo Stubbs, email: t.stubbs@example.ac.uk}}
institutions: [University {index % 37}, University {(index + 1) % 37}]
list: ALN-G{index:05d}@JISCMAIL.AC.UK
posting: {{from: groups@aln.example.org}}
timezone: {ZONES[index % len(ZONES)]}
terms_of_reference: {{created: 2024-03-01, updated: 2025-{1 + index % 12:02d}-12}}
cadence:
  windows: [{", ".join(WINDOW_SETS[index % len(WINDOW_SETS)])}]
  propose: {PROPOSE[index % len(PROPOSE)]}
  length: {60 + 30 * (index % 3)} minutes
{place}
meetings:
{chr(10).join(meetings)}
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("directory")
    parser.add_argument("--smtp")
    parser.add_argument("--ca")
    parser.add_argument("--password-file")
    parser.add_argument("--rate", type=int, default=0)
    parser.add_argument("--meetings-from", default="2026-09")
    arguments = parser.parse_args()
    directory = os.path.abspath(arguments.directory)
    os.makedirs(directory + "/groups", exist_ok=True)
    with open(directory + "/convenor.yaml", "w") as file:
        file.write(installation(directory, arguments.smtp, arguments.ca, arguments.password_file, arguments.rate))
    for index in range(arguments.count):
        with open(f"{directory}/groups/g{index:05d}.yaml", "w") as file:
            file.write(group(index, arguments.meetings_from))


if __name__ == "__main__":
    main()
