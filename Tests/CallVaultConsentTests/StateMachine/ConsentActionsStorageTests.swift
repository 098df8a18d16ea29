import Testing

@testable import CallVaultConsent

/// The actions an event produced are kept four inline, the rest in an array. Reading them back
/// gives exactly what was appended, in order, for every count across the inline and overflow
/// boundary; no position ever reads a made-up action (an unset slot used to read as
/// `.startRecording`, which would start recording a call nobody agreed to), and a position past
/// the end traps as `Array` does.
@Suite("Consent actions: storage")
struct ConsentActionsStorageTests {
    /// Distinct actions, none of them `.startRecording`, so a fabricated one cannot pass unseen.
    static func actions(_ count: Int) -> [ConsentAction] {
        (0..<count).map { .cancelTimeout(ConsentTimerID(UInt32($0))) }
    }

    @Test("every count from 0 to 9 reads back exactly what was appended, in order", arguments: 0...9)
    func readsBack(count: Int) {
        let appended = Self.actions(count)
        var actions = ConsentActions()
        for action in appended { actions.append(action) }
        #expect(actions.count == count)
        #expect(Array(actions) == appended)
        #expect(actions.indices.map { actions[$0] } == appended)
        #expect(!actions.contains(.startRecording), "an action nobody appended: \(actions)")
        #expect(actions.last == appended.last)
    }

    @Test("equal lists of actions are equal and hash alike; a different one is not equal")
    func equality() {
        var one = ConsentActions()
        var other = ConsentActions()
        for action in Self.actions(6) {
            one.append(action)
            other.append(action)
        }
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        other.append(.stopRecording)
        #expect(one != other)
        #expect(ConsentActions() == ConsentActions())
    }

    @Test("reading past the end of the inline actions traps instead of making up an action")
    func pastTheInlineEnd() async {
        await #expect(processExitsWith: .failure) {
            var actions = ConsentActions()
            actions.append(.stopRecording)
            _ = actions[1]
        }
    }

    @Test("reading any position of an empty list traps")
    func emptyList() async {
        await #expect(processExitsWith: .failure) {
            _ = ConsentActions()[0]
        }
    }
}
