public import CallVaultCore

/// Why a grant was refused or could not be issued.
public enum GrantError: CallVaultError, Equatable {
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

    /// A sentence naming the problem and what to do.
    public var description: String {
        switch self {
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
}
