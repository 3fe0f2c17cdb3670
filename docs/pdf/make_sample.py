#!/usr/bin/env python3
"""Writes docs/pdf/sample.shipshape.ron: the built-in 25-item template filled
in the way a team mid-way through its review would have it (mixed statuses,
Unicode owner names, mitigations, one expired, one expiring before launch,
overdue items, a 5,000-character note). Used by tests/it/pdf.rs and for the
sample PDFs in this folder."""
import json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "..", "..", "assets", "templates", "production-ready-25.shipshape.ron")

def q(s):
    return json.dumps(s, ensure_ascii=False)

LONG_NOTE = ("Load test log, week 3. " + " ".join(
    f"Run {i}: 2x peak for 30 minutes, p99 {180 + i} ms, no errors, scale-out in {40 + i % 7} s, scale-in clean."
    for i in range(1, 200)))[:5000]

# id: (status, owner, due, mitigation, accepted_by, until, notes, evidence)
FILL = {
 "reliability.slos": ("Done", "Zoë Łukasz", "2026-02-20", "", "", None, "", ["https://wiki.example.com/payments/slo"]),
 "reliability.autoscaling": ("InProgress", "李雷", "2026-03-01", "", "", None, LONG_NOTE, []),
 "reliability.health-checks": ("Done", "Ayşe Öztürk", None, "", "", None, "", []),
 "reliability.idempotent-retries": ("Mitigated", "Ayşe Öztürk", "2026-03-20",
     "Retries are disabled on the payment capture call until idempotency keys ship; clients see a clear error instead.", "CTO Ω team", "2026-03-25", "", []),
 "reliability.backups": ("Mitigated", "Zoë Łukasz", None,
     "Nightly snapshots exist; the restore drill is booked for the week after launch.", "Head of SRE", "2026-03-01", "", []),
 "observability.structured-logs": ("Done", "Marta García", None, "", "", None, "", []),
 "observability.metrics": ("Done", "Marta García", None, "", "", None, "Dashboards: latency, errors, saturation ✓", []),
 "observability.tracing": ("InProgress", "Kenji Watanabe", "2026-03-15", "", "", None, "", []),
 "observability.burn-rate-alerts": ("NotStarted", "", "2026-03-05", "", "", None, "", []),
 "observability.on-call": ("Done", "李雷", None, "", "", None, "", []),
 "security.authn-rbac": ("Done", "Ayşe Öztürk", None, "", "", None, "", []),
 "security.secrets": ("Done", "Zoë Łukasz", None, "", "", None, "", []),
 "security.encryption": ("Mitigated", "Kenji Watanabe", None,
     "Internal traffic between the two legacy services is unencrypted inside the private subnet; mTLS lands in Q3.", "Security lead", None, "", []),
 "security.pentest": ("NotStarted", "", None, "", "", None, "", []),
 "security.audit-logs": ("InProgress", "Ω Operations", "2026-04-10", "", "", None, "", []),
 "performance.latency-budget": ("Done", "Marta García", None, "", "", None, "", []),
 "performance.cdn": ("NotApplicable", "", None, "The product is an API only; there are no static assets to serve.", "", None, "", []),
 "performance.caching": ("NotApplicable", "", None, "", "", None, "", []),
 "performance.db-indexes": ("Done", "李雷", None, "", "", None, "", []),
 "performance.bundle-budget": ("NotApplicable", "", None, "API only: no front-end bundle.", "", None, "", []),
 "operations.ci-cd": ("Done", "Kenji Watanabe", None, "", "", None, "", []),
 "operations.iac": ("InProgress", "Zoë Łukasz", "2026-03-12", "", "", None, "Terraform covers everything but the DNS zone.", []),
 "operations.feature-flags": ("Done", "Marta García", None, "", "", None, "", []),
 "operations.runbooks": ("InProgress", "Ayşe Öztürk", "2026-03-02", "", "", None, "", []),
 "operations.status-page": ("Mitigated", "Kenji Watanabe", None,
     "Status updates go out on the company blog and the support mailing list until the hosted status page is bought.", "Head of Support", "2026-06-30", "", []),
}

text = open(TEMPLATE, encoding="utf-8").read()
text = text.replace('project: "Production-ready in 25 items"', 'project: "Payments API (Zürich)"', 1)
text = text.replace("launch: None,\n    review: None,", 'launch: Some("2026-04-01"),\n    review: Some("2026-03-04"),', 1)
text = text.replace("people: [],", """people: [
        (name: "Zoë Łukasz", role: "Tech lead", email: ""),
        (name: "李雷", role: "SRE", email: ""),
        (name: "Ayşe Öztürk", role: "Backend", email: ""),
        (name: "Marta García", role: "Product", email: ""),
    ],""", 1)

def date(d):
    return f'Some("{d}")' if d else "None"

out = []
cur = None
for line in text.split("\n"):
    m = re.match(r'\s+id: "([a-z-]+\.[a-z0-9-]+)",', line)
    if m:
        cur = FILL[m.group(1)]
    ind = re.match(r"\s*", line).group(0)
    if cur:
        st, owner, due, mit, acc, until, notes, ev = cur
        if line.strip().startswith("status:"):
            line = f"{ind}status: {st},"
        elif line.strip().startswith("owner:"):
            line = f"{ind}owner: {q(owner)},"
        elif line.strip().startswith("due:"):
            line = f"{ind}due: {date(due)},"
        elif line.strip().startswith("text:"):
            line = f"{ind}text: {q(mit)},"
        elif line.strip().startswith("accepted_by:"):
            line = f"{ind}accepted_by: {q(acc)},"
        elif line.strip().startswith("until:"):
            line = f"{ind}until: {date(until)},"
        elif line.strip().startswith("notes:"):
            line = f"{ind}notes: {q(notes)},"
        elif line.strip().startswith("evidence:"):
            line = f"{ind}evidence: [{', '.join(q(e) for e in ev)}],"
            cur = None
    out.append(line)
open(os.path.join(HERE, "sample.shipshape.ron"), "w", encoding="utf-8").write("\n".join(out))
