import CallVaultConsent
import CallVaultCore

/// Helpers for scripted consent scenarios: parties in chosen places, a clock that advances by
/// the event, and one-line summaries of actions so scripts read like the call.
enum ConsentScript {
    static let catalog: JurisdictionCatalog = {
        do { return try JurisdictionCatalog.bundled } catch { preconditionFailure("bundled catalog: \(error)") }
    }()

    static func place(_ code: String) -> Jurisdiction {
        (try? Jurisdiction(parsing: code)) ?? .unknown
    }

    static func customer(
        _ code: String, id: PartyID = "customer", medium: CallMedium = .landline, language: String? = nil
    )
        -> ConsentParticipant
    {
        ConsentParticipant(
            party: CallParty(id: id, role: .customer, location: place(code), medium: medium), language: language)
    }

    static func agent(_ code: String = "US-TX", id: PartyID = "agent") -> ConsentParticipant {
        ConsentParticipant(party: CallParty(id: id, role: .agent, location: place(code)))
    }

    static func thirdParty(_ code: String, id: PartyID = "guest") -> ConsentParticipant {
        ConsentParticipant(party: CallParty(id: id, role: .thirdParty, location: place(code)))
    }

    static func machine(policy: ConsentPolicy = ConsentPolicy(), purposes: [Purpose] = [.quality])
        -> ConsentStateMachine
    {
        ConsentStateMachine(resolver: RequirementResolver(catalog: catalog), purposes: purposes, policy: policy)
    }

    static func at(_ seconds: Int64) -> ConsentMoment {
        ConsentMoment(unixMilliseconds: 1_767_225_600_000 + seconds * 1_000, mediaOffsetMilliseconds: seconds * 1_000)
    }

    static func script(_ kind: AnnouncementKind, language: String = "en") -> ScriptReference {
        ScriptReference(
            scriptID: kind == .notice ? "callvault.ivr.notice" : "callvault.ivr.consent", version: "2026.12.1",
            language: language, textHash: String(repeating: "ab", count: 32))
    }

    /// A short form of each action, e.g. `play customer consent-request en`, `receipt customer consented keypress`.
    static func summary(_ actions: ConsentActions) -> [String] {
        actions.map { action in
            switch action {
            case .playAnnouncement(let party, let kind, let language): "play \(party) \(kind.rawValue) \(language)"
            case .promptAgent(let agent, let party, let kind, let language):
                "prompt \(agent) about \(party) \(kind.rawValue) \(language)"
            case .startRecording: "start"
            case .pauseRecording(let reason): "pause \(reason.rawValue)"
            case .resumeRecording: "resume"
            case .stopRecording: "stop"
            case .excludeTrack(let party): "exclude \(party)"
            case .includeTrack(let party): "include \(party)"
            case .scheduleTimeout(let timer, let after): "schedule \(timer) \(after)"
            case .cancelTimeout(let timer): "cancel \(timer)"
            case .quarantineCaptured: "quarantine"
            case .discardCaptured: "discard"
            case .emitReceipt(let receipt):
                "receipt \(receipt.party) \(receipt.outcome.rawValue) \(receipt.method.rawValue)"
            case .continueUnrecorded(let reason): "continue unrecorded \(reason.rawValue)"
            case .endCall(let reason): "end call \(reason.rawValue)"
            case .startWarningTone(let interval): "tone every \(interval)"
            case .stopWarningTone: "tone off"
            case .maskDTMF: "mask dtmf"
            case .unmaskDTMF(let withheld): "unmask dtmf \(withheld) withheld"
            case .inputIgnored(let input):
                "ignored \(input.party) \(Self.summary(input.input)) \(input.reason.rawValue)"
            }
        }
    }

    static func summary(_ input: IgnoredInput.Input) -> String {
        switch input {
        case .key(let key): "key \(key)"
        case .speech(let intent): "speech \(intent.rawValue)"
        case .withheld: "withheld"
        }
    }

    static func receipts(_ actions: ConsentActions) -> [ConsentReceipt] {
        actions.compactMap { action in
            if case .emitReceipt(let receipt) = action { return receipt }
            return nil
        }
    }
}
