public import CallVaultCapture
public import CallVaultConsent
public import CallVaultCore
public import Foundation

/// Why a recording was not imported. Nothing is written to the vault for any of these but
/// ``interrupted(_:reason:)``, which the vault audits and undoes.
public struct RecordingImportError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RecordingImportError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RecordingImportError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The request names no party: nobody's consent could be resolved.
        public static let noParties = Code("recordingimport.no-parties")
        /// The call id is empty.
        public static let emptyCallID = Code("recordingimport.empty-call-id")
        /// The call id starts or ends with white space, or holds a character that does not print as
        /// itself (a control or format character such as a zero-width space): it could pass for
        /// another call's id in a listing, and a duplicate import would go unnoticed.
        public static let ambiguousCallID = Code("recordingimport.ambiguous-call-id")
        /// The call starts before 1970-01-01T00:00:00Z, earlier than any digital call recording
        /// archive (usually a mistyped year).
        public static let startsBefore1970 = Code("recordingimport.starts-before1970")
        /// A party's place is `unknown`, or one the consent catalog has no rule for (neither the place
        /// nor its country).
        public static let unknownPlace = Code("recordingimport.unknown-place")
        /// Two parties share an id.
        public static let duplicateParty = Code("recordingimport.duplicate-party")
        /// The call starts after the vault's clock.
        public static let startsInTheFuture = Code("recordingimport.starts-in-the-future")
        /// The audio, from the start time on, runs past the vault's clock.
        public static let endsInTheFuture = Code("recordingimport.ends-in-the-future")
        /// A party needed notice or consent and no evidence was attested.
        public static let evidenceRequired = Code("recordingimport.evidence-required")
        /// The attested evidence is longer than ``maximumEvidenceByteCount``.
        public static let evidenceTooLong = Code("recordingimport.evidence-too-long")
        /// The vault already holds a recording of this call.
        public static let duplicateCallID = Code("recordingimport.duplicate-call-id")
        /// The vault already holds a recording with this id.
        public static let recordingIDInUse = Code("recordingimport.recording-id-in-use")
        /// The file is not a WAV file CallVault can import (not RIFF/WAVE, cut short, or an encoding
        /// it does not record).
        public static let unsupportedWAV = Code("recordingimport.unsupported-wav")
        /// The file holds content a recording does not keep.
        public static let unkeptContent = Code("recordingimport.unkept-content")
        /// The file holds no sample frames.
        public static let noAudio = Code("recordingimport.no-audio")
        /// The file's audio is a WAV file CallVault reads, but not audio it records as it is (a
        /// sample rate above what the recorder takes, two tracks of one name).
        public static let notRecordable = Code("recordingimport.not-recordable")
        /// The tracks named do not match the file's channels.
        public static let trackCountMismatch = Code("recordingimport.track-count-mismatch")
        /// Reading or sealing failed part-way (the file changed or vanished while it was read, the
        /// disk filled): the partial envelope was removed, its keys shredded, and the call is kept in
        /// the catalog as unrecorded, with the failure audited.
        public static let interrupted = Code("recordingimport.interrupted")

        /// Every code of this type.
        public static let all: [Code] = [
            noParties, emptyCallID, ambiguousCallID, startsBefore1970, unknownPlace, duplicateParty, startsInTheFuture,
            endsInTheFuture, evidenceRequired, evidenceTooLong, duplicateCallID, recordingIDInUse, unsupportedWAV,
            unkeptContent, noAudio, notRecordable, trackCountMismatch, interrupted,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
        case .noParties: .noParties
        case .emptyCallID: .emptyCallID
        case .ambiguousCallID: .ambiguousCallID
        case .startsBefore1970: .startsBefore1970
        case .unknownPlace: .unknownPlace
        case .duplicateParty: .duplicateParty
        case .startsInTheFuture: .startsInTheFuture
        case .endsInTheFuture: .endsInTheFuture
        case .evidenceRequired: .evidenceRequired
        case .evidenceTooLong: .evidenceTooLong
        case .duplicateCallID: .duplicateCallID
        case .recordingIDInUse: .recordingIDInUse
        case .unsupportedWAV: .unsupportedWAV
        case .unkeptContent: .unkeptContent
        case .noAudio: .noAudio
        case .notRecordable: .notRecordable
        case .trackCountMismatch: .trackCountMismatch
        case .interrupted: .interrupted
        }
    }

    /// The recording already imported under the same call id, for ``Code/duplicateCallID``;
    /// `nil` for every other code.
    public var existingRecording: RecordingID? {
        guard case .duplicateCallID(_, let existing) = reason else { return nil }
        return existing
    }

    /// What the WAV file holds that a recording would not keep, for ``Code/unkeptContent``;
    /// `nil` for every other code.
    public var unkeptContent: [WAVUnkeptDetail]? {
        guard case .unkeptContent(let details) = reason else { return nil }
        return details
    }

    /// The longest attested evidence, in bytes of UTF-8.
    public static let maximumEvidenceByteCount = 4_096

    /// What CallVault imports, for the messages that refuse a file.
    public static let acceptedFormats =

        "CallVault imports RIFF/WAVE files of 16-bit PCM, G.711 mu-law or G.711 A-law audio, 1 to \(WAVHeader.maximumChannelCount) channels, \(RecorderConfiguration.sampleRates.lowerBound) to \(RecorderConfiguration.sampleRates.upperBound) Hz"

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
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

    /// The request names no party: nobody's consent could be resolved.
    public static var noParties: RecordingImportError { RecordingImportError(.noParties) }

    /// The call id is empty.
    public static var emptyCallID: RecordingImportError { RecordingImportError(.emptyCallID) }

    /// The call id starts or ends with white space, or holds a character that does not print as
    /// itself (a control or format character such as a zero-width space): it could pass for
    /// another call's id in a listing, and a duplicate import would go unnoticed.
    public static func ambiguousCallID(callID: String, problem: String) -> RecordingImportError {
        RecordingImportError(.ambiguousCallID(callID: callID, problem: problem))
    }
    /// The code for ``ambiguousCallID(callID:problem:)``, for `catch RecordingImportError.ambiguousCallID`.
    public static let ambiguousCallID = Code.ambiguousCallID

    /// The call starts before 1970-01-01T00:00:00Z, earlier than any digital call recording
    /// archive (usually a mistyped year).
    public static func startsBefore1970(startedAt: Date) -> RecordingImportError {
        RecordingImportError(.startsBefore1970(startedAt: startedAt))
    }
    /// The code for ``startsBefore1970(startedAt:)``, for `catch RecordingImportError.startsBefore1970`.
    public static let startsBefore1970 = Code.startsBefore1970

    /// A party's place is `unknown`, or one the consent catalog has no rule for (neither the place
    /// nor its country).
    public static func unknownPlace(party: PartyID, place: Jurisdiction) -> RecordingImportError {
        RecordingImportError(.unknownPlace(party: party, place: place))
    }
    /// The code for ``unknownPlace(party:place:)``, for `catch RecordingImportError.unknownPlace`.
    public static let unknownPlace = Code.unknownPlace

    /// Two parties share an id.
    public static func duplicateParty(_ partyID: PartyID) -> RecordingImportError {
        RecordingImportError(.duplicateParty(partyID))
    }
    /// The code for ``duplicateParty(_:)``, for `catch RecordingImportError.duplicateParty`.
    public static let duplicateParty = Code.duplicateParty

    /// The call starts after the vault's clock.
    public static func startsInTheFuture(startedAt: Date, now: Date) -> RecordingImportError {
        RecordingImportError(.startsInTheFuture(startedAt: startedAt, now: now))
    }
    /// The code for ``startsInTheFuture(startedAt:now:)``, for `catch RecordingImportError.startsInTheFuture`.
    public static let startsInTheFuture = Code.startsInTheFuture

    /// The audio, from the start time on, runs past the vault's clock.
    public static func endsInTheFuture(endsAt: Date, now: Date) -> RecordingImportError {
        RecordingImportError(.endsInTheFuture(endsAt: endsAt, now: now))
    }
    /// The code for ``endsInTheFuture(endsAt:now:)``, for `catch RecordingImportError.endsInTheFuture`.
    public static let endsInTheFuture = Code.endsInTheFuture

    /// A party needed notice or consent and no evidence was attested.
    public static func evidenceRequired(parties: [PartyID]) -> RecordingImportError {
        RecordingImportError(.evidenceRequired(parties: parties))
    }
    /// The code for ``evidenceRequired(parties:)``, for `catch RecordingImportError.evidenceRequired`.
    public static let evidenceRequired = Code.evidenceRequired

    /// The attested evidence is longer than ``maximumEvidenceByteCount``.
    public static func evidenceTooLong(byteCount: Int) -> RecordingImportError {
        RecordingImportError(.evidenceTooLong(byteCount: byteCount))
    }
    /// The code for ``evidenceTooLong(byteCount:)``, for `catch RecordingImportError.evidenceTooLong`.
    public static let evidenceTooLong = Code.evidenceTooLong

    /// The vault already holds a recording of this call.
    public static func duplicateCallID(callID: String, existing: RecordingID) -> RecordingImportError {
        RecordingImportError(.duplicateCallID(callID: callID, existing: existing))
    }
    /// The code for ``duplicateCallID(callID:existing:)``, for `catch RecordingImportError.duplicateCallID`.
    public static let duplicateCallID = Code.duplicateCallID

    /// The vault already holds a recording with this id.
    public static func recordingIDInUse(_ recordingID: RecordingID) -> RecordingImportError {
        RecordingImportError(.recordingIDInUse(recordingID))
    }
    /// The code for ``recordingIDInUse(_:)``, for `catch RecordingImportError.recordingIDInUse`.
    public static let recordingIDInUse = Code.recordingIDInUse

    /// The file is not a WAV file CallVault can import (not RIFF/WAVE, cut short, or an encoding
    /// it does not record).
    public static func unsupportedWAV(_ wavFormatError: WAVFormatError) -> RecordingImportError {
        RecordingImportError(.unsupportedWAV(wavFormatError))
    }
    /// The code for ``unsupportedWAV(_:)``, for `catch RecordingImportError.unsupportedWAV`.
    public static let unsupportedWAV = Code.unsupportedWAV

    /// The file holds content a recording does not keep.
    public static func unkeptContent(_ wavUnkeptDetails: [WAVUnkeptDetail]) -> RecordingImportError {
        RecordingImportError(.unkeptContent(wavUnkeptDetails))
    }
    /// The code for ``unkeptContent(_:)``, for `catch RecordingImportError.unkeptContent`.
    public static let unkeptContent = Code.unkeptContent

    /// The file holds no sample frames.
    public static var noAudio: RecordingImportError { RecordingImportError(.noAudio) }

    /// The file's audio is a WAV file CallVault reads, but not audio it records as it is (a
    /// sample rate above what the recorder takes, two tracks of one name).
    public static func notRecordable(reason: String) -> RecordingImportError {
        RecordingImportError(.notRecordable(reason: reason))
    }
    /// The code for ``notRecordable(reason:)``, for `catch RecordingImportError.notRecordable`.
    public static let notRecordable = Code.notRecordable

    /// The tracks named do not match the file's channels.
    public static func trackCountMismatch(tracks: Int, channels: Int) -> RecordingImportError {
        RecordingImportError(.trackCountMismatch(tracks: tracks, channels: channels))
    }
    /// The code for ``trackCountMismatch(tracks:channels:)``, for `catch RecordingImportError.trackCountMismatch`.
    public static let trackCountMismatch = Code.trackCountMismatch

    /// Reading or sealing failed part-way (the file changed or vanished while it was read, the
    /// disk filled): the partial envelope was removed, its keys shredded, and the call is kept in
    /// the catalog as unrecorded, with the failure audited.
    public static func interrupted(_ recordingID: RecordingID, reason: String) -> RecordingImportError {
        RecordingImportError(.interrupted(recordingID, reason: reason))
    }
    /// The code for ``interrupted(_:reason:)``, for `catch RecordingImportError.interrupted`.
    public static let interrupted = Code.interrupted
}
