//! The TOTP second factor (RFC 6238 with HMAC-SHA1, 30-second steps, six digits, as every
//! authenticator app reads an `otpauth://` address) and one-time recovery codes.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// Seconds per code.
pub const STEP_SECS: i64 = 30;
/// Codes of this many steps before or after now are accepted, for clocks that drift.
const SKEW_STEPS: i64 = 1;

/// The six-digit code of `secret` at time step `step` (RFC 4226 dynamic truncation).
pub fn code_at(secret: &[u8], step: i64) -> u32 {
    // A key of any length is accepted by HMAC, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return u32::MAX;
    };
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[h.len() - 1] & 0x0f);
    let bin = u32::from_be_bytes([
        h[offset] & 0x7f,
        h[offset + 1],
        h[offset + 2],
        h[offset + 3],
    ]);
    bin % 1_000_000
}

/// The time step a code typed at `now_secs` matches, if any, not earlier than `after` (so a
/// code is accepted once).
pub fn matching_step(secret: &[u8], typed: &str, now_secs: i64, after: Option<i64>) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 {
        return None;
    }
    let n: u32 = typed.parse().ok()?;
    let now = now_secs.div_euclid(STEP_SECS);
    (now - SKEW_STEPS..=now + SKEW_STEPS)
        .filter(|s| after.is_none_or(|a| *s > a))
        .find(|s| code_at(secret, *s) == n)
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Base32 (RFC 4648) without padding, as authenticator apps take secrets.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for b in bytes {
        buf = (buf << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buf >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buf << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Decodes [`base32`]; `None` for a character outside the alphabet.
pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase())?;
        buf = (buf << 5) | u32::try_from(v).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buf >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B, SHA-1 (the last six digits of its eight-digit values).
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
        ] {
            assert_eq!(code_at(secret, time / STEP_SECS), code, "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_near_its_time_and_once() {
        let secret = b"12345678901234567890";
        assert_eq!(matching_step(secret, "287 082", 59, None), Some(1));
        assert_eq!(matching_step(secret, "287082", 59 + 30, None), Some(1));
        assert_eq!(matching_step(secret, "287082", 59 + 90, None), None);
        assert_eq!(matching_step(secret, "287082", 59, Some(1)), None);
        assert_eq!(matching_step(secret, "28708", 59, None), None);
    }

    #[test]
    fn base32_round_trips() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(from_base32("MZXW6YTBOI").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(
            from_base32("mzxw6ytboi======").as_deref(),
            Some(&b"foobar"[..])
        );
        assert_eq!(from_base32("1"), None);
    }
}
