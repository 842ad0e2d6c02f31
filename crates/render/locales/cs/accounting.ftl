accounting-export = Export pro účetnictví (CSV): faktury a dobropisy podle data vystavení
accounting-from = Od
accounting-to = Do
accounting-download = Stáhnout CSV
