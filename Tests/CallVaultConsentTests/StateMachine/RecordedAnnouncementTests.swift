import CallVaultConsent
import CallVaultCore
import Testing

/// Washington (RCW 9.73.030(3)) and Connecticut (CGS 52-570d): the announcement must be on the
/// recording (Connecticut also accepts a warning tone about every 15 seconds).
@Suite("Consent: recorded announcements (US-WA, US-CT)")
struct RecordedAnnouncementTests {
    typealias S = ConsentScript

    @Test("the catalog marks WA as recorded-notice and CT as recorded-notice-or-tone, and nobody else")
    func catalogRows() throws {
        let marked = S.catalog.rules.values.filter { $0.recordedNotice != nil }.map(\.jurisdiction.code).sorted()
        #expect(marked == ["US-CT", "US-WA"])
        #expect(S.catalog.rule(for: S.place("US-WA"))?.recordedNotice == .required)
        #expect(S.catalog.rule(for: S.place("US-CT"))?.recordedNotice == .requiredOrTone)
        #expect(RecordedNotice.requiredOrTone.allowsWarningTone && !RecordedNotice.required.allowsWarningTone)
    }

    @Test("a host catalog's recorded_notice column is read, and a bad value names its line")
    func catalogColumn() throws {
        let header = "code,name,consent_model,notice_counts_as_consent,notes,source,recorded_notice"
        let catalog = try JurisdictionCatalog(
            csv: "\(header)\nXA,Exampleland,all-party,yes,n,https://x.example,required-or-tone\n", label: "t")
        #expect(catalog.rule(for: S.place("XA"))?.recordedNotice == .requiredOrTone)
        #expect(
            throws: ConsentCatalogError.invalidValue(
                line: 2, column: "recorded_notice", value: "sometimes", expected: "empty, required or required-or-tone")
        ) {
            try JurisdictionCatalog(
                csv: "\(header)\nXA,Exampleland,all-party,yes,n,https://x.example,sometimes\n", label: "t")
        }
    }

    @Test(
        "the decision marks every party who is told or asked, when any party is in WA or CT",
        arguments: [("US-WA", RecordedNotice.required), ("US-CT", .requiredOrTone)])
    func decision(code: String, expected: RecordedNotice) throws {
        let resolver = RequirementResolver(catalog: S.catalog)
        let decision = resolver.resolve(
            direction: .inbound,
            parties: [S.customer(code).party, S.agent().party, S.thirdParty("US-NY").party], purposes: [.quality])
        #expect(decision.recordedNotice == expected)
        #expect(decision.recordedNoticeSetBy == [S.place(code)])
        let byID = Dictionary(uniqueKeysWithValues: decision.parties.map { ($0.party.id, $0) })
        #expect(byID["customer"]?.recordedNotice == expected)
        #expect(byID["guest"]?.announcementMustBeRecorded == true, "the rule binds the whole conversation")
        #expect(byID["agent"]?.announcementMustBeRecorded == false, "the organisation's own need nothing")
        #expect(decision.reasons.contains { $0.hasPrefix("\(code) asks that the announcement") })
        let elsewhere = resolver.resolve(
            direction: .inbound, parties: [S.customer("US-CA").party, S.agent().party], purposes: [.quality])
        #expect(elsewhere.recordedNotice == nil)
        #expect(elsewhere.parties.allSatisfy { !$0.announcementMustBeRecorded })
    }

    @Test(
        "recording opens when the announcement starts, and the receipt says the notice is on it",
        arguments: ["US-WA", "US-CT"])
    func recordingOpensWithAnnouncement(code: String) throws {
        var machine = S.machine()
        let start = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer(code), S.agent()], at: S.at(0))
        #expect(S.summary(start) == ["play customer notice en", "receipt agent not-required not-required"])
        #expect(!machine.isRecording, "nothing before the announcement")
        let started = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        #expect(S.summary(started) == ["start"])
        let finished = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(6))
        #expect(S.summary(finished) == ["receipt customer consented implied-by-notice"])
        let receipt = try #require(S.receipts(finished).first)
        #expect(receipt.noticeOnRecording == .announcement)
        #expect(receipt.announcementStartedAt == S.at(1))
    }

    @Test("with two parties, recording opens only once both announcements have started")
    func waitsForEveryAnnouncement() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-WA"), S.thirdParty("US-NY"), S.agent()],
            at: S.at(0))
        #expect(try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1)).isEmpty)
        #expect(!machine.isRecording, "the guest has not started hearing theirs")
        let second = try machine.announcementStarted(party: "guest", script: S.script(.notice), at: S.at(2))
        #expect(S.summary(second) == ["start"])
    }

    @Test(
        "an explicit consent request in WA is on the recording too; a refusal sets it aside (or deletes it)",
        arguments: [ConsentPolicy.CapturedHandling.keep, .quarantine, .discard])
    func refusalAfterRecordedRequest(handling: ConsentPolicy.CapturedHandling) throws {
        var policy = ConsentPolicy()
        policy.explicitConsentEverywhere = true
        policy.onWithdrawal = handling
        var machine = S.machine(policy: policy)
        let start = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-WA"), S.agent()], at: S.at(0))
        #expect(S.summary(start).first == "play customer consent-request en")
        let started = try machine.announcementStarted(
            party: "customer", script: S.script(.consentRequest), at: S.at(1))
        #expect(S.summary(started) == ["start"])
        let declined = try machine.keyPressed(party: "customer", key: "2", at: S.at(3))
        #expect(
            S.summary(declined) == [
                "receipt customer declined keypress", "stop", handling == .discard ? "discard" : "quarantine",
                "continue unrecorded consent-refused",
            ])
        #expect(
            declined.contains(.quarantineCaptured(.consentRefused))
                || declined.contains(.discardCaptured(.consentRefused)))
        #expect(S.receipts(declined).first?.noticeOnRecording == .announcement)
    }

    @Test("a mid-call joiner from WA is recorded from their announcement's start, not before")
    func joinerTrackIncludedAtAnnouncement() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        let joined = try machine.partyJoined(S.thirdParty("US-WA"), at: S.at(10))
        // The customer's notice was not on the recording; Washington's rule now binds the call, so
        // the customer is told again, this time on the recording.
        #expect(
            S.summary(joined) == [
                "play customer notice en", "play guest notice en", "exclude customer", "exclude guest",
            ])
        let guestStarted = try machine.announcementStarted(party: "guest", script: S.script(.notice), at: S.at(11))
        #expect(S.summary(guestStarted) == ["include guest"])
        let customerStarted = try machine.announcementStarted(
            party: "customer", script: S.script(.notice), at: S.at(11))
        #expect(S.summary(customerStarted) == ["include customer"])
        let finished = try machine.announcementFinished(party: "guest", script: S.script(.notice), at: S.at(15))
        #expect(S.summary(finished) == ["receipt guest consented implied-by-notice"])
    }

    @Test("CT with the tone preferred: recording starts after the notice, with the tone every 15 s")
    func connecticutTone() throws {
        var policy = ConsentPolicy()
        policy.preferWarningTone = true
        var machine = S.machine(policy: policy)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-CT"), S.agent()], at: S.at(0))
        #expect(try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1)).isEmpty)
        let finished = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(6))
        #expect(
            S.summary(finished) == ["receipt customer consented implied-by-notice", "start", "tone every 15.0 seconds"])
        #expect(S.receipts(finished).first?.noticeOnRecording == .warningTone)
        let withdrawn = try machine.keyPressed(party: "customer", key: "9", at: S.at(20))
        #expect(
            S.summary(withdrawn) == [
                "receipt customer withdrawn keypress", "stop", "quarantine", "tone off",
                "continue unrecorded consent-withdrawn",
            ])
    }

    @Test("WA accepts no tone: with the tone preferred, its announcement is still recorded")
    func washingtonIgnoresTonePreference() throws {
        var policy = ConsentPolicy()
        policy.preferWarningTone = true
        var machine = S.machine(policy: policy)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-WA"), S.agent()], at: S.at(0))
        let started = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        #expect(S.summary(started) == ["start"])
        let ended = try machine.callEnded(at: S.at(30))
        #expect(S.summary(ended) == ["stop", "receipt customer not-reached no-response"], "no tone to stop")
    }

    @Test("the tone stops with the call")
    func toneStopsAtCallEnd() throws {
        var policy = ConsentPolicy()
        policy.preferWarningTone = true
        var machine = S.machine(policy: policy)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-CT"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(6))
        #expect(S.summary(try machine.callEnded(at: S.at(30))) == ["stop", "tone off"])
    }
}
