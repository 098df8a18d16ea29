/// Something a principal can do to a recording.
///
/// Listening and downloading are different actions (one streams, the other hands over a copy),
/// and so are exporting for a legal request and viewing a transcript, so a policy and the audit
/// log can tell them apart. A struct, so a host can add actions of its own.
public struct AccessAction: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The identifier, such as `listen`.
    public let identifier: String

    /// Creates an action.
    ///
    /// - Throws: ``AccessPolicyError/invalidValue(line:field:value:expected:)`` unless the
    ///   identifier is 1 to 64 lower-case letters, digits or hyphens.
    public init(_ identifier: String) throws {
        guard AccessText.isIdentifier(identifier) else {
            throw AccessPolicyError.invalidValue(
                line: nil, field: "action", value: "'\(identifier)'", expected: "lower-case letters, digits and hyphens"
            )
        }
        self.identifier = identifier
    }

    private init(known identifier: String) {
        self.identifier = identifier
    }

    /// See who, when, where and why a recording was made, without its content.
    public static let viewMetadata = AccessAction(known: "view-metadata")
    /// Play the audio.
    public static let listen = AccessAction(known: "listen")
    /// Take a copy of the audio.
    public static let download = AccessAction(known: "download")
    /// Export audio, receipts and history as a signed package for a legal request.
    public static let exportLegal = AccessAction(known: "export-legal")
    /// Read the transcript.
    public static let viewTranscript = AccessAction(known: "view-transcript")
    /// Delete the recording.
    public static let delete = AccessAction(known: "delete")
    /// Place a legal hold.
    public static let placeHold = AccessAction(known: "place-hold")
    /// Release a legal hold.
    public static let releaseHold = AccessAction(known: "release-hold")
    /// Change who can open the recording (rewrap its data key).
    public static let rewrapKeys = AccessAction(known: "rewrap-keys")
    /// Emergency access outside the normal rules: only with a written justification, always flagged.
    public static let breakGlass = AccessAction(known: "break-glass")

    /// The actions CallVault knows by name.
    public static let standard: [AccessAction] = [
        .viewMetadata, .listen, .download, .exportLegal, .viewTranscript, .delete, .placeHold, .releaseHold,
        .rewrapKeys, .breakGlass,
    ]

    /// Whether the action reaches what was said (audio or transcript), so the purposes the
    /// customer was told about bound it.
    public var reachesContent: Bool {
        self == .listen || self == .download || self == .exportLegal || self == .viewTranscript || self == .breakGlass
    }

    /// Orders by identifier.
    public static func < (lhs: AccessAction, rhs: AccessAction) -> Bool { lhs.identifier < rhs.identifier }

    /// The identifier.
    public var description: String { identifier }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }

    /// Decodes from the identifier.
    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }
}

/// A role a principal holds, such as `supervisor` or `compliance-officer`.
public struct Role: Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The role's name.
    public let name: String

    /// Wraps a role name.
    public init(_ name: String) {
        self.name = name
    }

    /// Wraps a literal role name.
    public init(stringLiteral value: String) {
        self.name = value
    }

    /// Orders by name.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.name < rhs.name }

    /// The name.
    public var description: String { name }

    /// Encodes as the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// Decodes from the name.
    public init(from decoder: any Decoder) throws {
        name = try decoder.singleValueContainer().decode(String.self)
    }
}

/// Text checks shared by the access types.
enum AccessText {
    static func isIdentifier(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            }
    }
}
