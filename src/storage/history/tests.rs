use super::*;

fn history(dir: &Path) -> History {
    super::super::StateDir::at(dir.join("state")).history(&dir.join("w.shipshape.ron"))
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000 + secs)
}

#[test]
fn records_versions_newest_first_and_skips_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let h = history(dir.path());
    assert!(h.versions().unwrap().is_empty());
    h.record(b"one", at(0)).unwrap();
    h.record(b"one", at(1)).unwrap();
    h.record(b"two", at(2)).unwrap();
    h.record(b"  \n", at(3)).unwrap();
    let v = h.versions().unwrap();
    assert_eq!(
        v.len(),
        2,
        "a repeat of the newest and blank files are not kept"
    );
    assert_eq!(v[0].number, 1);
    assert_eq!(std::fs::read(&v[0].path).unwrap(), b"two");
    assert_eq!(std::fs::read(&v[1].path).unwrap(), b"one");
    assert_eq!(v[0].replaced, at(2));
    assert_eq!(v[0].hash, bytes_hash(b"two"));
    assert_eq!(v[0].bytes, 3);
    let about = std::fs::read_to_string(h.dir().join("file.txt")).unwrap();
    assert!(about.trim_end().ends_with("w.shipshape.ron"), "{about}");
}

#[test]
fn saves_in_the_same_millisecond_stay_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let h = history(dir.path());
    for n in 0..5 {
        h.record(format!("v{n}").as_bytes(), at(0)).unwrap();
    }
    let v = h.versions().unwrap();
    assert_eq!(v.len(), 5);
    assert_eq!(std::fs::read(&v[0].path).unwrap(), b"v4");
    assert_eq!(std::fs::read(&v[4].path).unwrap(), b"v0");
}

#[test]
fn keeps_fifty_versions_or_thirty_days_whichever_is_more() {
    let dir = tempfile::tempdir().unwrap();
    let h = history(dir.path());
    let day = 24 * 60 * 60;
    // 60 versions a day apart: the 10 oldest are beyond both limits.
    for n in 0..60u64 {
        h.record(format!("v{n}").as_bytes(), at(n * day)).unwrap();
    }
    let v = h.versions().unwrap();
    assert_eq!(v.len(), KEEP_VERSIONS);
    assert_eq!(std::fs::read(&v[49].path).unwrap(), b"v10");
    // 70 versions within a day: all are younger than 30 days, all kept.
    let h2 = super::super::StateDir::at(dir.path().join("s2")).history(Path::new("x.ron"));
    for n in 0..70u64 {
        h2.record(format!("v{n}").as_bytes(), at(n)).unwrap();
    }
    assert_eq!(h2.versions().unwrap().len(), 70);
}

#[test]
fn the_size_cap_drops_the_oldest_but_never_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let h = history(dir.path()).with_max_bytes(2000);
    let big = vec![b'a'; 1000];
    let mut other = big.clone();
    other[0] = b'b';
    let mut third = big.clone();
    third[0] = b'c';
    h.record(&big, at(0)).unwrap();
    h.record(&other, at(1)).unwrap();
    h.record(&third, at(2)).unwrap();
    let v = h.versions().unwrap();
    assert_eq!(v.len(), 2, "three halves do not fit");
    assert_eq!(std::fs::read(&v[0].path).unwrap()[0], b'c');
    assert_eq!(std::fs::read(&v[1].path).unwrap()[0], b'b');
}

#[test]
fn a_version_reads_as_a_workbook_and_strange_files_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let h = history(dir.path());
    let wb = crate::storage::builtin_template();
    let text = crate::storage::to_string(&wb).unwrap();
    h.record(text.as_bytes(), at(0)).unwrap();
    std::fs::write(h.dir().join("notes.txt"), "x").unwrap();
    std::fs::write(h.dir().join("12-zz.shipshape.ron"), "x").unwrap();
    let v = h.versions().unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(h.read(&v[0]).unwrap().workbook, wb);
}
