public import CallVaultCapture
public import CallVaultConsent
public import CallVaultCore
public import Foundation

/// Why a recording was not imported. Nothing is written to the vault for any of these but
/// ``interrupted(_:reason:)``, which the vault audits and undoes.
public enum RecordingImportError: CallVaultError, Equatable {
    /// The request names no party: nobody's consent could be resolved.
    case noParties
    /// The call id is empty.
    case emptyCallID
    /// The call id starts or ends with white space, or holds a character that does not print as
    /// itself (a control or format character such as a zero-width space): it could pass for
    /// another call's id in a listing, and a duplicate import would go unnoticed.
    case ambiguousCallID(callID: String, problem: String)
    /// The call starts before 1970-01-01T00:00:00Z, earlier than any digital call recording
    /// archive (usually a mistyped year).
    case startsBefore1970(startedAt: Date)
    /// A party's place is `unknown`, or one the consent catalog has no rule for (neither the place
    /// nor its country).
    case unknownPlace(party: PartyID, place: Jurisdiction)
    /// Two parties share an id.
    case duplicateParty(PartyID)
    /// The call starts after the vault's clock.
    case startsInTheFuture(startedAt: Date, now: Date)
    /// The audio, from the start time on, runs past the vault's clock.
    case endsInTheFuture(endsAt: Date, now: Date)
    /// A party needed notice or consent and no evidence was attested.
    case evidenceRequired(parties: [PartyID])
    /// The attested evidence is longer than ``maximumEvidenceByteCount``.
    case evidenceTooLong(byteCount: Int)
    /// The vault already holds a recording of this call.
    case duplicateCallID(callID: String, existing: RecordingID)
    /// The vault already holds a recording with this id.
    case recordingIDInUse(RecordingID)
    /// The file is not a WAV file CallVault can import (not RIFF/WAVE, cut short, or an encoding
    /// it does not record).
    case unsupportedWAV(WAVFormatError)
    /// The file holds content a recording does not keep.
    case unkeptContent([WAVUnkeptDetail])
    /// The file holds no sample frames.
    case noAudio
    /// The file's audio is a WAV file CallVault reads, but not audio it records as it is (a
    /// sample rate above what the recorder takes, two tracks of one name).
    case notRecordable(reason: String)
    /// The tracks named do not match the file's channels.
    case trackCountMismatch(tracks: Int, channels: Int)
    /// Reading or sealing failed part-way (the file changed or vanished while it was read, the
    /// disk filled): the partial envelope was removed, its keys shredded, and the call is kept in
    /// the catalog as unrecorded, with the failure audited.
    case interrupted(RecordingID, reason: String)

    /// The longest attested evidence, in bytes of UTF-8.
    public static let maximumEvidenceByteCount = 4_096

    /// What CallVault imports, for the messages that refuse a file.
    public static let acceptedFormats =
        "CallVault imports RIFF/WAVE files of 16-bit PCM, G.711 mu-law or G.711 A-law audio, 1 to \(WAVHeader.maximumChannelCount) channels, \(RecorderConfiguration.sampleRates.lowerBound) to \(RecorderConfiguration.sampleRates.upperBound) Hz"

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .noParties:
            "No party given: name every party on the call with its role and place, so consent is resolved as for a live call."
        case .emptyCallID:
            "The call id is empty: give the call's id in the archive."
        case .ambiguousCallID(let callID, let problem):
            "The call id \(callID.debugDescription) cannot be told apart from other ids when printed: \(problem). Give the call's id exactly as the archive holds it, without surrounding white space or invisible characters."
        case .startsBefore1970(let startedAt):
            "The call's start \(CivilTime.iso8601(startedAt)) is before 1970-01-01T00:00:00Z, earlier than any digital call recording archive: check the year of the start time given (the time the archived call started)."
        case .unknownPlace(let party, let place):
            place.isUnknown
                ? "Party \(party)'s place is unknown: an imported call's parties must have known places (an ISO 3166-1 country such as DE or an ISO 3166-2 subdivision such as US-CA); find the place in the archive."
                : "Party \(party)'s place \(place) is not in the consent catalog (nor is its country): give a place the catalog knows ('callvault consent resolve' lists the rules applied)."
        case .duplicateParty(let party):
            "Two parties share the id \(party); give each party its own id."
        case .startsInTheFuture(let startedAt, let now):
            "The call's start \(CivilTime.iso8601(startedAt)) is in the future (the vault's clock reads \(CivilTime.iso8601(now))): give the time the archived call started."
        case .endsInTheFuture(let endsAt, let now):
            "The call would end at \(CivilTime.iso8601(endsAt)), after the vault's clock (\(CivilTime.iso8601(now))): the start time is too late for the audio's length; give the time the archived call started."
        case .evidenceRequired(let parties):
            "Party \(parties.map(\.description).joined(separator: ", ")) had to be told or asked before recording, and no consent evidence was attested: give the evidence (what shows they were told or agreed, such as a prompt log or a signed form) for the operator's attestation."
        case .evidenceTooLong(let count):
            "The consent evidence is \(count) bytes; at most \(Self.maximumEvidenceByteCount) are kept: summarise it and name where the full evidence is archived."
        case .duplicateCallID(let callID, let existing):
            "The vault already holds recording \(existing) of call '\(callID)': an archive imported twice would be kept twice. Check that recording; import again only if this file is another recording of the same call (allow a duplicate call id)."
        case .recordingIDInUse(let id):
            "The vault already holds a recording with the id \(id): give a new recording id."
        case .unsupportedWAV(let error):
            "The file cannot be imported: \(error) (\(Self.acceptedFormats))."
        case .unkeptContent(let details):
            "The file holds content besides its audio that a recording does not keep: \(details.map(\.description).joined(separator: "; ")). Import it dropping that content (the audit log then names it), or re-export the audio alone."
        case .notRecordable(let reason):
            "The file's audio cannot be kept as a recording: \(reason) (\(Self.acceptedFormats))."
        case .noAudio:
            "The file's data chunk holds no sample frames: there is no audio to import."
        case .trackCountMismatch(let tracks, let channels):
            "\(tracks) track\(tracks == 1 ? " is" : "s are") named but the file has \(channels) channel\(channels == 1 ? "" : "s"): name one track per channel, in order."
        case .interrupted(let id, let reason):
            "Importing recording \(id) failed part-way: \(reason). The partial envelope was removed and its keys shredded; the call is listed as unrecorded. Fix the cause and import again (allow a duplicate call id)."
        }
    }
}
