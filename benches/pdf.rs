//! `export::pdf::render` at 25, 1,000 and 10,000 items, both kinds.
//!
//! The inputs mirror the shared anchors' checklists: the built-in 25-item
//! template filled in, and 40 / 400 projects' worth of it with descriptions
//! of four to six sentences and a two-sentence mitigation per item. The
//! whole-process comparison with the alternatives is `benches/anchors.sh`.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shipshape::export::pdf::{Paper, PdfKind, PdfOptions, render};
use shipshape::model::{Category, Status, Workbook};

const FILLER: [&str; 6] = [
    "The current implementation was inherited from the prototype and has not been reviewed since the service moved to the shared cluster.",
    "Two incidents in the last quarter were traced back to this area, and the post-mortems recommended closing the gap before general availability.",
    "Evidence for completion is a link to the merged change, the dashboard or the test report, attached to the tracking issue.",
    "Partner teams depend on this behaviour, so any change needs an announcement in the platform channel at least one week ahead.",
    "Automated verification runs nightly; failures open a ticket for the owning team and are reviewed in the weekly operations meeting.",
    "A temporary workaround is in place and documented in the runbook, but it relies on manual steps during business hours.",
];
const OWNERS: [&str; 6] = [
    "Zoë Łukasz",
    "李雷",
    "Ayşe Öztürk",
    "Marta García",
    "Kenji Watanabe",
    "Ω Ops",
];

fn workbook(items: usize) -> Workbook {
    let template = shipshape::storage::builtin_template();
    let mut wb = Workbook::new("Payments platform");
    wb.launch = NaiveDate::from_ymd_opt(2026, 6, 1);
    let copies = items.div_ceil(25);
    for cat in &template.categories {
        let mut out = Category {
            id: cat.id.clone(),
            name: cat.name.clone(),
            items: Vec::new(),
        };
        for p in 0..copies {
            for (i, item) in cat.items.iter().enumerate() {
                let n = p * 25 + i;
                let mut item = item.clone();
                item.id = format!("{}-{p}", item.id);
                if copies > 1 {
                    let extra = 3 + n % 3;
                    let filler: Vec<&str> =
                        (0..extra).map(|k| FILLER[(n + k) % FILLER.len()]).collect();
                    item.description =
                        format!("[Project {p}] {} {}", item.description, filler.join(" "));
                }
                item.status = Status::ALL[n % 5];
                item.owner = OWNERS[n % OWNERS.len()].to_owned();
                item.due = NaiveDate::from_ymd_opt(2026, 3, 1 + (n % 28) as u32)
                    .map(shipshape::model::Due::On);
                item.mitigation.text = "Track progress in the weekly readiness review. Escalate to the engineering director if the due date slips by more than a week.".to_owned();
                out.items.push(item);
            }
        }
        wb.categories.push(out);
    }
    wb
}

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap_or_default();
    let mut group = c.benchmark_group("pdf_render");
    group.sample_size(10);
    for items in [25, 1000, 10_000] {
        let wb = workbook(items);
        group.throughput(Throughput::Elements(wb.item_count() as u64));
        for kind in PdfKind::ALL {
            let options = PdfOptions {
                kind,
                paper: Paper::A4,
                as_of,
                system_fonts: false,
                pdfa: false,
            };
            group.bench_with_input(BenchmarkId::new(kind.name(), items), &wb, |b, wb| {
                b.iter(|| render(wb, &options).map(|r| r.bytes.len()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
