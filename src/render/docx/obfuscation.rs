//! Font obfuscation (ISO/IEC 29500-1 §17.8.1), the way a DOCX embeds a
//! font: its first 32 bytes are XORed with a GUID, which the font table
//! gives as the face's `w:fontKey`.
//!
//! The GUID is a hash of the font's bytes, never drawn at random, so that
//! two builds give the same package, and so that the obfuscated face
//! depends on the font alone, like the font itself: it is compressed once
//! for every package, by `build.rs` for the built-in fonts (with this
//! very file, which is why it uses nothing but `std`) and once per
//! process for a style's own (`src/render/zip.rs`).

/// The GUID of `font`, `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`: the
/// 128-bit FNV-1a hash of its bytes, in hexadecimal.
pub fn font_key(font: &[u8]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let hash = font.iter().fold(OFFSET, |hash, byte| {
        (hash ^ u128::from(*byte)).wrapping_mul(PRIME)
    });
    let hex = format!("{hash:032X}");
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The bytes of `data` with its first 32 bytes XORed with the key of
/// `guid`: the GUID's 16 bytes in reverse order of their hex pairs.
/// Obfuscating twice with the same GUID gives `data` back.
pub fn obfuscate(data: &[u8], guid: &str) -> Vec<u8> {
    let hex: Vec<u8> = guid.bytes().filter(u8::is_ascii_hexdigit).collect();
    let mut key = [0u8; 16];
    for (i, pair) in hex.chunks(2).take(16).enumerate() {
        let text = std::str::from_utf8(pair).unwrap_or("00");
        key[15 - i] = u8::from_str_radix(text, 16).unwrap_or(0);
    }
    let mut out = data.to_vec();
    for (i, byte) in out.iter_mut().take(32).enumerate() {
        *byte ^= key[i % 16];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_reverses_the_guid_bytes_and_is_its_own_inverse() {
        let guid = "{00112233-4455-6677-8899-AABBCCDDEEFF}";
        let data = vec![0u8; 40];
        let out = obfuscate(&data, guid);
        assert_eq!(out[0], 0xFF);
        assert_eq!(out[15], 0x00);
        assert_eq!(out[16], 0xFF);
        assert_eq!(out[1], 0xEE);
        assert_eq!(&out[32..], &[0u8; 8]);
        assert_eq!(obfuscate(&out, guid), data);
    }

    #[test]
    fn keys_are_guids_of_the_bytes() {
        let a = font_key(b"one font");
        assert_eq!(a, font_key(b"one font"));
        assert_ne!(a, font_key(b"one fonu"));
        assert_eq!(a.len(), 38);
        assert!(a.starts_with('{') && a.ends_with('}'));
        assert_eq!(a.matches('-').count(), 4);
    }
}
