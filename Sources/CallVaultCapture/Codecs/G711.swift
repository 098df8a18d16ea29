/// ITU-T G.711: the mu-law and A-law companding of telephone audio, one byte per sample.
///
/// Contact-center media arrives as G.711 almost everywhere (RTP payload types 0 and 8, SIPREC,
/// carrier WebSocket streams), so the recorder keeps it as it came and decodes only when it must:
/// for level metering, for mixing, or to export PCM. Each law is a caseless enum conforming to
/// ``G711/Law``, which supplies single-sample conversions and allocation-free buffer conversions
/// that cost one table lookup per sample (256-entry decode tables; 8 to 16 KiB encode tables).
///
/// The results match ITU-T G.711 as implemented by the classic Sun/CCITT `g711.c`, the reference
/// that Python's `audioop`, SoX and most telephony stacks follow: encoding drops the low 2 bits
/// (mu-law, 14-bit) or 3 bits (A-law, 13-bit) of a 16-bit sample, and decoding gives the 16-bit
/// value at the centre of the code's quantisation step.
///
/// ```swift
/// let code = G711.MuLaw.encode(1_000)        // 0xCE
/// let sample = G711.MuLaw.decode(code)       // 988
/// let silence = G711.ALaw.silence            // 0xD5
/// ```
public enum G711: Sendable {}
