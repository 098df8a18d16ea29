public import CallVaultCore
public import Foundation

/// A data subject's request to erase the recordings of their calls (GDPR Art. 17).
public struct ErasureRequest: Hashable, Sendable, Codable {
    /// The request's identifier (the controller's case number).
    public let id: String
    /// The host's identifier for the customer, as recordings carry it.
    public let customerID: String
    /// When the request was received.
    public let receivedAt: Date
    /// Who handles it on the controller's side.
    public let handledBy: PrincipalID

    /// Creates a request.
    ///
    /// - Throws: ``ErasureError/missingField(_:)`` for an empty id or customer.
    public init(id: String, customerID: String, receivedAt: Date, handledBy: PrincipalID) throws {
        guard !id.trimmingSpaces().isEmpty else { throw ErasureError.missingField("request id") }
        guard !customerID.trimmingSpaces().isEmpty else { throw ErasureError.missingField("customer id") }
        self.id = id
        self.customerID = customerID
        self.receivedAt = receivedAt
        self.handledBy = handledBy
    }
}

/// What an erasure request came to: the recordings erased, and those restricted instead with until
/// when and why.
public struct ErasureReport: Hashable, Sendable {
    /// The request.
    public let request: ErasureRequest
    /// When it was carried out.
    public let completedAt: Date
    /// Recordings deleted, each with its signed certificate file.
    public let erased: [ErasedRecording]
    /// Recordings kept and restricted (Art. 18), with the reasons.
    public let restricted: [RestrictedRecording]
    /// Recordings whose deletion failed this time; they stay marked and the sweeper retries them.
    public let pending: [SweepFailure]

    /// A deleted recording.
    public struct ErasedRecording: Hashable, Sendable {
        /// The recording.
        public let recordingID: RecordingID
        /// When the call took place.
        public let callStartedAt: Date
        /// The signed deletion certificate (JSON).
        public let certificate: String
    }

    /// A recording kept and restricted.
    public struct RestrictedRecording: Hashable, Sendable {
        /// The recording.
        public let recordingID: RecordingID
        /// When the call took place.
        public let callStartedAt: Date
        /// When it will be deleted, if a date is known (a legal hold has no end date).
        public let until: Date?
        /// Why it is kept: each obligation or hold, in a sentence.
        public let reasons: [String]
    }

    /// A letter the controller can send the data subject.
    public var letter: String {
        var lines = [
            "Your request to erase recordings of your calls (reference \(request.id), received \(CivilTime.day(request.receivedAt)))",
            "",
        ]
        if erased.isEmpty && restricted.isEmpty && pending.isEmpty {
            lines.append("We hold no recordings of your calls.")
        }
        if !erased.isEmpty {
            lines.append(
                "We have erased \(erased.count) recording\(erased.count == 1 ? "" : "s") of your calls. Their encryption keys were destroyed, so no copy, backups included, can be played again:"
            )
            lines += erased.map { "  - the call of \(CivilTime.day($0.callStartedAt))" }
            lines.append("")
        }
        if !restricted.isEmpty {
            lines.append(
                "We must keep \(restricted.count) recording\(restricted.count == 1 ? "" : "s") for now, because the law requires it or legal proceedings need it (GDPR Art. 17(3)(b) and (e)). Until then we use them for nothing but that obligation (Art. 18), and we erase them as soon as it ends:"
            )
            for recording in restricted {
                let until = recording.until.map { "until \(CivilTime.day($0))" } ?? "until the proceedings end"
                lines.append(
                    "  - the call of \(CivilTime.day(recording.callStartedAt)): kept \(until). \(recording.reasons.joined(separator: " "))"
                )
            }
            lines.append("")
        }
        if !pending.isEmpty {
            lines.append(
                "\(pending.count) recording\(pending.count == 1 ? " is" : "s are") being erased and will be gone within a day; we will confirm."
            )
            lines.append("")
        }
        lines.append(
            "If you are not satisfied with how we handled your request, you may complain to us or to your data protection authority."
        )
        return lines.joined(separator: "\n")
    }
}

/// Errors handling an erasure request.
public struct ErasureError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``ErasureError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = ErasureError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A required field is empty.
        public static let missingField = Code("erasure.missing-field")

        /// Every code of this type.
        public static let all: [Code] = [
            missingField
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A required field is empty.
        case missingField(String)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .missingField: .missingField
        }
    }

    /// A sentence naming the field.
    public var message: String {
        switch reason {
        case .missingField(let field): "An erasure request needs a \(field)."
        }
    }

    /// A required field is empty.
    public static func missingField(_ text: String) -> ErasureError { ErasureError(.missingField(text)) }
    /// The code for ``missingField(_:)``, for `catch ErasureError.missingField`.
    public static let missingField = Code.missingField
}
