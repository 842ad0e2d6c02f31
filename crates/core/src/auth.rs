//! Who may do what: staff roles and the permissions they grant.

use crate::ticket::string_enum;
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

string_enum!(
    /// A staff role; an agent may hold several.
    Role {
        /// Manages agents, teams, tokens and everything else.
        Admin = "admin",
        /// Triages and assigns requests, manages customers.
        Dispatcher = "dispatcher",
        /// Works on requests of their teams.
        Technician = "technician",
        /// Sees everything, for invoicing.
        Billing = "billing",
    }
);

/// An action that needs a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read organizations, contacts and assets.
    ReadCustomers,
    /// Create or change organizations, contacts, assets and asset rights.
    WriteCustomers,
    /// Read tickets (limited to the agent's teams for technicians).
    ReadTickets,
    /// Create tickets and articles, change tickets.
    WriteTickets,
    /// Read agents and teams.
    ReadStaff,
    /// Create or change agents, teams and tokens.
    ManageStaff,
    /// Read, download and reprocess received mail and the outbox; submit raw mail.
    ManageMail,
    /// Make payment requests, import bank statements, issue invoices and credit notes.
    ManagePayments,
}

impl Role {
    /// Whether this role grants `p`.
    pub fn allows(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Dispatcher => !matches!(p, ManageStaff | ManagePayments),
            Role::Technician => matches!(p, ReadCustomers | ReadTickets | WriteTickets | ReadStaff),
            Role::Billing => matches!(p, ReadCustomers | ReadTickets | ReadStaff | ManagePayments),
        }
    }

    /// Whether the role sees every team's tickets, not only its own.
    pub fn sees_all_tickets(self) -> bool {
        !matches!(self, Role::Technician)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_manage_staff() {
        assert!(Role::Admin.allows(Permission::ManageStaff));
        for r in [Role::Dispatcher, Role::Technician, Role::Billing] {
            assert!(!r.allows(Permission::ManageStaff), "{r}");
        }
        assert!(!Role::Billing.allows(Permission::WriteTickets));
        assert!(Role::Technician.allows(Permission::WriteTickets));
        assert!(!Role::Technician.allows(Permission::WriteCustomers));
    }

    #[test]
    fn only_dispatchers_and_admins_handle_raw_mail() {
        assert!(Role::Admin.allows(Permission::ManageMail));
        assert!(Role::Dispatcher.allows(Permission::ManageMail));
        assert!(!Role::Technician.allows(Permission::ManageMail));
        assert!(!Role::Billing.allows(Permission::ManageMail));
    }

    #[test]
    fn only_billing_and_admins_handle_payments() {
        assert!(Role::Admin.allows(Permission::ManagePayments));
        assert!(Role::Billing.allows(Permission::ManagePayments));
        assert!(!Role::Dispatcher.allows(Permission::ManagePayments));
        assert!(!Role::Technician.allows(Permission::ManagePayments));
    }
}
