accounting-export = Export for accounting (CSV): invoices and credit notes by issue date
accounting-from = From
accounting-to = To
accounting-download = Download CSV
