import CallVaultCore

/// A media format in three columns: the encoding's name, the sample rate and the channel count.
///
/// Names rather than the envelope's numeric codes, so the table reads plainly; an encoding added
/// by a later version that this one has no name for is stored as `code-<n>` and still reads back.
enum StoredMediaFormat {
    private static let names: [(MediaFormat.Encoding, String)] = [
        (.pcm16LittleEndian, "pcm16le"), (.muLaw, "mulaw"), (.aLaw, "alaw"), (.opaque, "opaque"),
    ]

    static func name(of encoding: MediaFormat.Encoding) -> String {
        names.first { $0.0 == encoding }?.1 ?? "code-\(encoding.code)"
    }

    static func encoding(named name: String, key: String) throws -> MediaFormat.Encoding {
        if let known = names.first(where: { $0.1 == name }) { return known.0 }
        if name.hasPrefix("code-"), let code = UInt8(name.dropFirst(5)), let encoding = MediaFormat.Encoding(code: code)
        {
            return encoding
        }
        throw SQLiteVaultError.unreadableRow(
            table: "recording", key: key, reason: "media encoding '\(name)' is unknown to this version")
    }
}
