import CallVaultAccess
import CallVaultCore
import Foundation
import FuzzSupport

let principal = fuzzSetUp("FuzzAccessPolicy") {
    try Principal(json: FuzzExamples.text("Examples/policies/principal.json"))
}
let recording = fuzzSetUp("FuzzAccessPolicy") {
    try RecordingAccessAttributes(json: FuzzExamples.text("Examples/policies/recording.json"))
}
let actions: [AccessAction] = [
    .viewMetadata, .listen, .download, .exportLegal, .viewTranscript, .delete, .placeHold, .releaseHold,
    .rewrapKeys, .breakGlass,
]
let purposes: [Purpose] = ["quality", "training", "dispute-resolution", "legal"].compactMap {
    try? Purpose($0)
}

/// Access policy JSON (the policy parser and PolicyJSON): arbitrary text must give a policy or a
/// typed error naming the line at fault; a policy that parses must decide every request without a
/// crash, for every action and a few purposes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAccessPolicy(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let text = String(decoding: fuzzInput(start, count), as: UTF8.self)
    let policy: AccessPolicy
    do {
        policy = try AccessPolicy(json: text)
    } catch let error as any CallVaultError {
        // A typed CallVault error with its sentence; anything else is a finding.
        _ = error.message
        return 0
    } catch {
        fatalError("not a CallVault error: \(type(of: error)): \(error)")
    }
    let at = Date(timeIntervalSince1970: 1_772_445_000)
    for action in actions {
        for purpose in purposes {
            let decision = policy.decide(
                AccessRequest(
                    principal: principal, action: action, recording: recording, purpose: purpose, at: at,
                    justification: "fuzz", legalReference: "case 1", approvals: [PrincipalID("lead.ana")]))
            _ = decision.isAllowed
        }
    }
    return 0
}
