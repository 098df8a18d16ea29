import CallVault
import CallVaultConsent
import Synchronization

/// The demo's telephony: "plays" announcements by printing them, and remembers what it was asked
/// so the simulated callers can answer.
final class DemoCallControl: CallControl {
    private let performed = Mutex<[CallControlRequest]>([])
    let printer: DemoPrinter

    init(printer: DemoPrinter) {
        self.printer = printer
    }

    func perform(_ request: CallControlRequest) async throws {
        performed.withLock { $0.append(request) }
        switch request {
        case .playAnnouncement(let party, let disclosure):
            printer.line(
                "IVR -> \(party) [\(disclosure.language.tag), \(disclosure.kind)]: \(disclosure.text.firstSentences(2))"
            )
        case .showAgentScript(let agent, let party, let disclosure):
            printer.line("Script for \(agent) to read to \(party): \(disclosure.text.firstSentences(2))")
        case .continueUnrecorded(let reason):
            printer.line("Telephony: the call goes on unrecorded (\(reason.rawValue)).")
        case .endCall(let reason):
            printer.line("Telephony: the call is ended (\(reason.rawValue)).")
        case .playWarningTone:
            printer.line("Telephony: beep (the recording warning tone).")
        case .maskDTMF:
            printer.line("Telephony: DTMF masked for the card payment.")
        case .unmaskDTMF:
            printer.line("Telephony: DTMF unmasked.")
        case .inputIgnored(let input):
            printer.line("Telephony: \(input).")
        }
    }

    /// The announcements requested so far, in order.
    var announcements: [(party: PartyID, disclosure: RenderedDisclosure)] {
        performed.withLock { requests in
            requests.compactMap { request in
                if case .playAnnouncement(let party, let disclosure) = request { (party, disclosure) } else { nil }
            }
        }
    }
}

extension String {
    /// The first `count` sentences, for printing a notice briefly.
    func firstSentences(_ count: Int) -> String {
        var sentences = 0
        var end = endIndex
        for index in indices where ".?!".contains(self[index]) {
            sentences += 1
            if sentences == count {
                end = self.index(after: index)
                break
            }
        }
        let text = self[..<end].replacingOccurrences(of: "\n", with: " ")
        return end == endIndex ? text : text + " ..."
    }
}
