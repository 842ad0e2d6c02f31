//! A camt.053 statement of 10,000 credits read and matched to 10,000 open requests
//! (issue target: ≤ 2 s).

use criterion::{Criterion, criterion_group, criterion_main};
use podpora_billing::{Currency, Money};
use podpora_payments::matching::{OpenRequest, match_entries};
use podpora_payments::{VariableSymbol, camt};
use std::collections::HashSet;
use std::fmt::Write;
use std::hint::black_box;

const N: usize = 10_000;

fn statement() -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>SK3112000000198742637541</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-04</Dt></Dt></Bal>
"#,
    );
    for i in 0..N {
        // Every third payer writes the symbol in the remittance text, the others in the
        // end-to-end id; every tenth refers to a creditor reference instead.
        let refs = match i % 10 {
            0 => format!(
                "<RmtInf><Strd><CdtrRefInf><Ref>INV-{i:06}</Ref></CdtrRefInf></Strd></RmtInf>"
            ),
            n if n % 3 == 0 => format!(
                "<RmtInf><Ustrd>platba /VS/{} dakujem</Ustrd></RmtInf>",
                1_000_000 + i
            ),
            _ => format!(
                "<Refs><EndToEndId>/VS{}/SS/KS0308</EndToEndId></Refs>",
                1_000_000 + i
            ),
        };
        let _ = writeln!(
            xml,
            r#"<Ntry><Amt Ccy="EUR">{}.{:02}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-04</Dt></BookgDt><AcctSvcrRef>B{i:08}</AcctSvcrRef><BkTxCd/><NtryDtls><TxDtls>{refs}</TxDtls></NtryDtls></Ntry>"#,
            100 + i % 50,
            i % 100
        );
    }
    xml.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    xml
}

fn open_requests() -> Vec<OpenRequest<usize>> {
    (0..N)
        .map(|i| OpenRequest {
            key: i,
            amount: Money::from_minor(((100 + i % 50) * 100 + i % 100) as i64, Currency::EUR),
            received: Money::zero(Currency::EUR),
            variable_symbol: if i % 10 == 0 {
                None
            } else {
                VariableSymbol::parse(&(1_000_000 + i).to_string()).ok()
            },
            reference: (i % 10 == 0).then(|| format!("INV-{i:06}")),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let xml = statement();
    let open = open_requests();
    let imported = HashSet::new();
    // Every credit must find its request, or the benchmark measures the wrong thing.
    let entries = &camt::parse(&xml).expect("statement")[0].entries;
    let results = match_entries(entries, &open, &imported);
    assert_eq!(results.len(), N);
    assert!(results.iter().all(|m| !m.outcome.needs_person()));
    let mut group = c.benchmark_group("camt053");
    group.sample_size(10);
    group.bench_function("parse and match 10,000 entries", |b| {
        b.iter(|| {
            let statements = camt::parse(black_box(&xml)).expect("statement");
            match_entries(&statements[0].entries, &open, &imported)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
