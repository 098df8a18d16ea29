import CallVaultConsent
public import CallVaultCore

/// Why a later consent could not be recorded or read.
public enum LaterConsentError: CallVaultError, Equatable {
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

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
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
            "No later consent to \(purposes.joined(separator: ", ")) is in force for recording \(id); a purpose told of on the call is withdrawn by withdrawing the recording's consent."
        case .receiptDoesNotVerify(let id, let receiptID):
            "The later consent receipt \(receiptID) of recording \(id) does not verify with the organisation's key: the vault's store was altered. Restore it from a backup; until then every access to the recording is refused."
        case .withdrawalMissing(let id, let receiptID):
            "The audit log records the withdrawal of later consent \(receiptID) for recording \(id), but the vault's store has no receipt for it: it was deleted outside CallVault, which would reopen the recording to the withdrawn purposes. Restore the store from a backup; until then every access to the recording is refused. Run 'callvault vault verify'."
        }
    }
}

/// The channels, as an error message lists them.
enum LaterConsentChannels {
    static var list: String {
        LaterConsentReceipt.channels.sorted().joined(separator: ", ")
    }
}
