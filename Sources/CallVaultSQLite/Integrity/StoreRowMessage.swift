import CallVaultCrypto
import Foundation

/// The bytes the signature of a retention record or a legal hold covers: a domain string naming
/// the kind of row, the row's key and its JSON, exactly as stored (the columns beside the JSON are
/// derived from it and only steer queries; what a decision reads is the JSON).
enum StoreRowMessage {
    /// What kind of row.
    enum Kind: String {
        case retentionRecord = "retention record"
        case legalHold = "legal hold"
    }

    static func message(_ kind: Kind, key: String, json: String) -> [UInt8] {
        var bytes = Array("CallVault \(kind.rawValue) signature v1\u{0}".utf8)
        for field in [Array(key.utf8), Array(json.utf8)] {
            withUnsafeBytes(of: Int64(field.count).bigEndian) { bytes += $0 }
            bytes += field
        }
        return bytes
    }

    /// The signature to store, or `nil` without a key.
    static func signature(_ kind: Kind, key: String, json: String, signingKey: SigningKey?) throws -> Data? {
        try signingKey.map { Data(try $0.signature(for: message(kind, key: key, json: json)).rawRepresentation) }
    }

    /// Whether a stored row verifies; without a key every row is taken as stored.
    static func check(_ kind: Kind, key: String, json: String, signature: Data?, verifyingKey: VerifyingKey?)
        -> StoreRowCheck
    {
        guard let verifyingKey else { return .verified }
        guard let signature else { return .unsigned }
        do {
            try verifyingKey.verify(
                try Signature(rawRepresentation: Array(signature)), for: message(kind, key: key, json: json))
            return .verified
        } catch {
            return .invalid("its signature does not cover its contents")
        }
    }

    /// The digest a legacy row's adoption binds it by.
    static func digest(_ kind: Kind, key: String, json: String) throws -> [UInt8] {
        try BLAKE2b.hash(message(kind, key: key, json: json)).bytes
    }
}

/// Whether a retention record or hold row verifies.
enum StoreRowCheck: Equatable {
    case verified
    case unsigned
    case invalid(String)

    var reason: String {
        switch self {
        case .verified: "verified"
        case .unsigned: "it has no signature"
        case .invalid(let reason): reason
        }
    }
}
