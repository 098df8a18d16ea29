import CallVaultConsent
public import CallVaultCore

/// Why a later consent could not be recorded or read.
public struct LaterConsentError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``LaterConsentError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = LaterConsentError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// No recording has this id.
        public static let recordingNotFound = Code("laterconsent.recording-not-found")
        /// The recording was deleted: there is nothing left to consent to.
        public static let recordingDeleted = Code("laterconsent.recording-deleted")
        /// No purpose was named.
        public static let noPurposes = Code("laterconsent.no-purposes")
        /// The channel is not one of `LaterConsentReceipt/channels`.
        public static let unknownChannel = Code("laterconsent.unknown-channel")
        /// The evidence is empty.
        public static let evidenceMissing = Code("laterconsent.evidence-missing")
        /// Every purpose named is already disclosed (on the call or by an earlier later consent).
        public static let alreadyDisclosed = Code("laterconsent.already-disclosed")
        /// A withdrawal named a purpose no later consent gave (one told of on the call is withdrawn
        /// by withdrawing the recording's consent, which quarantines it).
        public static let notGivenLater = Code("laterconsent.not-given-later")
        /// A stored receipt does not verify with the organisation's key.
        public static let receiptDoesNotVerify = Code("laterconsent.receipt-does-not-verify")
        /// The audit log records a withdrawal whose stored receipt is gone (deleted from the store).
        public static let withdrawalMissing = Code("laterconsent.withdrawal-missing")

        /// Every code of this type.
        public static let all: [Code] = [
            recordingNotFound, recordingDeleted, noPurposes, unknownChannel, evidenceMissing, alreadyDisclosed,
            notGivenLater, receiptDoesNotVerify, withdrawalMissing,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// No recording has this id.
        case recordingNotFound(RecordingID)
        /// The recording was deleted: there is nothing left to consent to.
        case recordingDeleted(RecordingID)
        /// No purpose was named.
        case noPurposes
        /// The channel is not one of `LaterConsentReceipt/channels`.
        case unknownChannel(String)
        /// The evidence is empty.
        case evidenceMissing
        /// Every purpose named is already disclosed (on the call or by an earlier later consent).
        case alreadyDisclosed(RecordingID, purposes: [String])
        /// A withdrawal named a purpose no later consent gave (one told of on the call is withdrawn
        /// by withdrawing the recording's consent, which quarantines it).
        case notGivenLater(RecordingID, purposes: [String])
        /// A stored receipt does not verify with the organisation's key.
        case receiptDoesNotVerify(RecordingID, receiptID: String)
        /// The audit log records a withdrawal whose stored receipt is gone (deleted from the store).
        case withdrawalMissing(RecordingID, receiptID: String)
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
        case .recordingNotFound: .recordingNotFound
        case .recordingDeleted: .recordingDeleted
        case .noPurposes: .noPurposes
        case .unknownChannel: .unknownChannel
        case .evidenceMissing: .evidenceMissing
        case .alreadyDisclosed: .alreadyDisclosed
        case .notGivenLater: .notGivenLater
        case .receiptDoesNotVerify: .receiptDoesNotVerify
        case .withdrawalMissing: .withdrawalMissing
        }
    }

    /// A sentence saying what is wrong and what to do.
    public var message: String {
        switch reason {
        case .recordingNotFound(let id):
            "There is no recording \(id); a later consent is recorded for a recording the vault holds."
        case .recordingDeleted(let id):
            "Recording \(id) was deleted; a later consent cannot bring it back. Nothing was recorded."
        case .noPurposes:
            "Name at least one purpose the customer agreed to."
        case .unknownChannel(let channel):
            "'\(channel)' is not a consent channel: use \(LaterConsentChannels.list)."
        case .evidenceMissing:
            "Give the evidence of the consent (the form submission's reference, the follow-up call's id)."
        case .alreadyDisclosed(let id, let purposes):
            "Recording \(id) may already be used for \(purposes.joined(separator: ", ")); nothing to record."
        case .notGivenLater(let id, let purposes):
            "No later consent to \(purposes.joined(separator: ", ")) is in force for recording \(id) (none was given after the call, or it was already withdrawn): only a consent given after the call is withdrawn here; purposes told of on the call are not withdrawn through a later consent."
        case .receiptDoesNotVerify(let id, let receiptID):
            "The later consent receipt \(receiptID) of recording \(id) does not verify with the organisation's key: the vault's store was altered. Restore it from a backup; until then every access to the recording is refused."
        case .withdrawalMissing(let id, let receiptID):
            "The audit log records the withdrawal of later consent \(receiptID) for recording \(id), but the vault's store has no receipt for it: it was deleted outside CallVault, which would reopen the recording to the withdrawn purposes. Restore the store from a backup; until then every access to the recording is refused. Run 'callvault vault verify'."
        }
    }

    /// No recording has this id.
    public static func recordingNotFound(_ recordingID: RecordingID) -> LaterConsentError {
        LaterConsentError(.recordingNotFound(recordingID))
    }
    /// The code for ``recordingNotFound(_:)``, for `catch LaterConsentError.recordingNotFound`.
    public static let recordingNotFound = Code.recordingNotFound

    /// The recording was deleted: there is nothing left to consent to.
    public static func recordingDeleted(_ recordingID: RecordingID) -> LaterConsentError {
        LaterConsentError(.recordingDeleted(recordingID))
    }
    /// The code for ``recordingDeleted(_:)``, for `catch LaterConsentError.recordingDeleted`.
    public static let recordingDeleted = Code.recordingDeleted

    /// No purpose was named.
    public static var noPurposes: LaterConsentError { LaterConsentError(.noPurposes) }

    /// The channel is not one of `LaterConsentReceipt/channels`.
    public static func unknownChannel(_ text: String) -> LaterConsentError { LaterConsentError(.unknownChannel(text)) }
    /// The code for ``unknownChannel(_:)``, for `catch LaterConsentError.unknownChannel`.
    public static let unknownChannel = Code.unknownChannel

    /// The evidence is empty.
    public static var evidenceMissing: LaterConsentError { LaterConsentError(.evidenceMissing) }

    /// Every purpose named is already disclosed (on the call or by an earlier later consent).
    public static func alreadyDisclosed(_ recordingID: RecordingID, purposes: [String]) -> LaterConsentError {
        LaterConsentError(.alreadyDisclosed(recordingID, purposes: purposes))
    }
    /// The code for ``alreadyDisclosed(_:purposes:)``, for `catch LaterConsentError.alreadyDisclosed`.
    public static let alreadyDisclosed = Code.alreadyDisclosed

    /// A withdrawal named a purpose no later consent gave (one told of on the call is withdrawn
    /// by withdrawing the recording's consent, which quarantines it).
    public static func notGivenLater(_ recordingID: RecordingID, purposes: [String]) -> LaterConsentError {
        LaterConsentError(.notGivenLater(recordingID, purposes: purposes))
    }
    /// The code for ``notGivenLater(_:purposes:)``, for `catch LaterConsentError.notGivenLater`.
    public static let notGivenLater = Code.notGivenLater

    /// A stored receipt does not verify with the organisation's key.
    public static func receiptDoesNotVerify(_ recordingID: RecordingID, receiptID: String) -> LaterConsentError {
        LaterConsentError(.receiptDoesNotVerify(recordingID, receiptID: receiptID))
    }
    /// The code for ``receiptDoesNotVerify(_:receiptID:)``, for `catch LaterConsentError.receiptDoesNotVerify`.
    public static let receiptDoesNotVerify = Code.receiptDoesNotVerify

    /// The audit log records a withdrawal whose stored receipt is gone (deleted from the store).
    public static func withdrawalMissing(_ recordingID: RecordingID, receiptID: String) -> LaterConsentError {
        LaterConsentError(.withdrawalMissing(recordingID, receiptID: receiptID))
    }
    /// The code for ``withdrawalMissing(_:receiptID:)``, for `catch LaterConsentError.withdrawalMissing`.
    public static let withdrawalMissing = Code.withdrawalMissing
}

/// The channels, as an error message lists them.
enum LaterConsentChannels {
    static var list: String {
        LaterConsentReceipt.channels.sorted().joined(separator: ", ")
    }
}
