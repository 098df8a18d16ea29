public import CallVaultCore

/// Why a grant was refused or could not be issued.
public struct GrantError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``GrantError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = GrantError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A grant was asked for a decision that denied.
        public static let notAllowed = Code("grant.not-allowed")
        /// The grant is not signed by the trusted issuer.
        public static let untrustedIssuer = Code("grant.untrusted-issuer")
        /// The grant's bytes were changed after signing.
        public static let altered = Code("grant.altered")
        /// The grant has expired.
        public static let expired = Code("grant.expired")
        /// The grant is not valid yet (its issue time is in the future).
        public static let notYetValid = Code("grant.not-yet-valid")
        /// A single-use grant was presented again.
        public static let replayed = Code("grant.replayed")
        /// The grant is for another recording.
        public static let wrongRecording = Code("grant.wrong-recording")
        /// The grant is for another action.
        public static let wrongAction = Code("grant.wrong-action")
        /// The file is not a grant.
        public static let malformed = Code("grant.malformed")

        /// Every code of this type.
        public static let all: [Code] = [
            notAllowed, untrustedIssuer, altered, expired, notYetValid, replayed, wrongRecording, wrongAction,
            malformed,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A grant was asked for a decision that denied.
        case notAllowed(String)
        /// The grant is not signed by the trusted issuer.
        case untrustedIssuer(found: String)
        /// The grant's bytes were changed after signing.
        case altered
        /// The grant has expired.
        case expired(at: String)
        /// The grant is not valid yet (its issue time is in the future).
        case notYetValid(from: String)
        /// A single-use grant was presented again.
        case replayed(nonce: String)
        /// The grant is for another recording.
        case wrongRecording(granted: RecordingID, presented: RecordingID)
        /// The grant is for another action.
        case wrongAction(granted: String, presented: String)
        /// The file is not a grant.
        case malformed(String)
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
        case .notAllowed: .notAllowed
        case .untrustedIssuer: .untrustedIssuer
        case .altered: .altered
        case .expired: .expired
        case .notYetValid: .notYetValid
        case .replayed: .replayed
        case .wrongRecording: .wrongRecording
        case .wrongAction: .wrongAction
        case .malformed: .malformed
        }
    }

    /// A sentence naming the problem and what to do.
    public var message: String {
        switch reason {
        case .notAllowed(let decision):
            "No grant can be issued for a denied request (\(decision))."
        case .untrustedIssuer(let found):
            "The grant is signed by \(found), which this custodian does not trust; request a grant from the organisation's access service."
        case .altered:
            "The grant was altered after it was signed; request a new one."
        case .expired(let at):
            "The grant expired at \(at); request a new one."
        case .notYetValid(let from):
            "The grant is not valid until \(from); check the clocks of the access service and the custodian."
        case .replayed(let nonce):
            "The single-use grant \(nonce) has already been used; request a new one."
        case .wrongRecording(let granted, let presented):
            "The grant is for recording \(granted), not \(presented)."
        case .wrongAction(let granted, let presented):
            "The grant allows \(granted), not \(presented)."
        case .malformed(let reason):
            "The grant cannot be read: \(reason)."
        }
    }

    /// A grant was asked for a decision that denied.
    public static func notAllowed(_ text: String) -> GrantError { GrantError(.notAllowed(text)) }
    /// The code for ``notAllowed(_:)``, for `catch GrantError.notAllowed`.
    public static let notAllowed = Code.notAllowed

    /// The grant is not signed by the trusted issuer.
    public static func untrustedIssuer(found: String) -> GrantError { GrantError(.untrustedIssuer(found: found)) }
    /// The code for ``untrustedIssuer(found:)``, for `catch GrantError.untrustedIssuer`.
    public static let untrustedIssuer = Code.untrustedIssuer

    /// The grant's bytes were changed after signing.
    public static var altered: GrantError { GrantError(.altered) }

    /// The grant has expired.
    public static func expired(at: String) -> GrantError { GrantError(.expired(at: at)) }
    /// The code for ``expired(at:)``, for `catch GrantError.expired`.
    public static let expired = Code.expired

    /// The grant is not valid yet (its issue time is in the future).
    public static func notYetValid(from: String) -> GrantError { GrantError(.notYetValid(from: from)) }
    /// The code for ``notYetValid(from:)``, for `catch GrantError.notYetValid`.
    public static let notYetValid = Code.notYetValid

    /// A single-use grant was presented again.
    public static func replayed(nonce: String) -> GrantError { GrantError(.replayed(nonce: nonce)) }
    /// The code for ``replayed(nonce:)``, for `catch GrantError.replayed`.
    public static let replayed = Code.replayed

    /// The grant is for another recording.
    public static func wrongRecording(granted: RecordingID, presented: RecordingID) -> GrantError {
        GrantError(.wrongRecording(granted: granted, presented: presented))
    }
    /// The code for ``wrongRecording(granted:presented:)``, for `catch GrantError.wrongRecording`.
    public static let wrongRecording = Code.wrongRecording

    /// The grant is for another action.
    public static func wrongAction(granted: String, presented: String) -> GrantError {
        GrantError(.wrongAction(granted: granted, presented: presented))
    }
    /// The code for ``wrongAction(granted:presented:)``, for `catch GrantError.wrongAction`.
    public static let wrongAction = Code.wrongAction

    /// The file is not a grant.
    public static func malformed(_ text: String) -> GrantError { GrantError(.malformed(text)) }
    /// The code for ``malformed(_:)``, for `catch GrantError.malformed`.
    public static let malformed = Code.malformed
}
