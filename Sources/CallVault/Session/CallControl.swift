public import CallVaultConsent

/// The host's hands on the call: what a recording session asks of the telephony side.
///
/// The session never waits for the caller inside this seam. It asks (play this notice, show the
/// agent this script), and the host reports what happened as events on the session
/// (``RecordingSession/announcementStarted(party:)``, ``RecordingSession/keyPressed(party:key:)``,
/// ``RecordingSession/speechIntentRecognized(party:intent:)``...), the way the consent state machine
/// works: events in, actions out.
public protocol CallControl: Sendable {
    /// Performs one request.
    func perform(_ request: CallControlRequest) async throws
}

/// What a session asks of the call.
public enum CallControlRequest: Hashable, Sendable {
    /// Play this announcement to a party (text to speech, or the host's recording of the same
    /// script id and version); then report ``RecordingSession/announcementStarted(party:)`` and
    /// ``RecordingSession/announcementFinished(party:)``, and collect the party's answer (DTMF or
    /// speech intent) when the announcement asks for consent.
    case playAnnouncement(to: PartyID, RenderedDisclosure)
    /// Show the agent a script to read to a party; then report what the party said with
    /// ``RecordingSession/agentAttested(party:agent:agreed:)``.
    case showAgentScript(agent: PartyID, about: PartyID, RenderedDisclosure)
    /// Carry on with the call without recording it.
    case continueUnrecorded(ConsentAction.UnrecordedReason)
    /// End the call: recording was mandatory and was refused.
    case endCall(ConsentAction.UnrecordedReason)
    /// Play the warning tone's beep to every party now. Asked about every 15 seconds of media while
    /// the tone stands for a recorded announcement (`ConsentPolicy.preferWarningTone`); the
    /// session mixes the same beep into the recording itself.
    case playWarningTone
    /// Card data is coming: stop DTMF reaching the agent and the media (RFC 4733 events and in-band
    /// tones) if the transport can. The session interprets no key press until ``unmaskDTMF``.
    case maskDTMF
    /// The secure pause ended: DTMF may pass again.
    case unmaskDTMF
    /// A key press or speech intent meant nothing in the call's state (or arrived during a secure
    /// pause, without its value); nothing changed. Log it if useful.
    case inputIgnored(IgnoredInput)
}
