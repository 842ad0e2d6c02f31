//! TLS client settings shared by the IMAP poller (rustls with the ring provider).

use std::sync::Arc;

use tokio_rustls::rustls::{
    self, ClientConfig, RootCertStore,
    pki_types::{CertificateDer, pem::PemObject},
};

/// How a connection to a mail server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TlsMode {
    /// Plain text (loopback or a trusted network only).
    None,
    /// Plain connection upgraded with STARTTLS; refused when the server does not offer it.
    #[default]
    StartTls,
    /// TLS from the first byte (ports 993, 465).
    Implicit,
}

/// A rustls client configuration trusting the system's roots plus `extra_ca_pem`.
pub(crate) fn client_config(extra_ca_pem: Option<&str>) -> Result<Arc<ClientConfig>, String> {
    let mut roots = RootCertStore::empty();
    // A missing or partly unreadable system store is not fatal: an extra CA may be all that is needed.
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(pem) = extra_ca_pem {
        let mut added = 0;
        for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
            let cert = cert.map_err(|e| format!("extra CA certificate: {e}"))?;
            roots
                .add(cert)
                .map_err(|e| format!("extra CA certificate: {e}"))?;
            added += 1;
        }
        if added == 0 {
            return Err("extra CA certificate: no certificate in the PEM text".to_owned());
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
