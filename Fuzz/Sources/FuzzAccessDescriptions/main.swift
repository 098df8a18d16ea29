import CallVaultAccess
import CallVaultCore
import Foundation
import FuzzSupport

let policy = fuzzSetUp("FuzzAccessDescriptions") {
    try AccessPolicy(json: FuzzExamples.text("Examples/policies/access-policy.json"))
}
let principal = fuzzSetUp("FuzzAccessDescriptions") {
    try Principal(json: FuzzExamples.text("Examples/policies/principal.json"))
}
let recording = fuzzSetUp("FuzzAccessDescriptions") {
    try RecordingAccessAttributes(json: FuzzExamples.text("Examples/policies/recording.json"))
}
let actions: [AccessAction] = [.viewMetadata, .listen, .exportLegal, .delete, .breakGlass]
let purpose = fuzzSetUp("FuzzAccessDescriptions") { try Purpose("quality") }

/// The access description files (`callvault access check --principal/--recording`): arbitrary text
/// is read as a principal and as a recording; each must parse or give a typed error, and what parses
/// is decided against the example policy.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAccessDescriptions(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let text = String(decoding: fuzzInput(start, count), as: UTF8.self)
    let at = Date(timeIntervalSince1970: 1_772_445_000)
    do {
        let parsed = try Principal(json: text)
        for action in actions {
            _ = policy.decide(
                AccessRequest(principal: parsed, action: action, recording: recording, purpose: purpose, at: at))
        }
    } catch let error as any CallVaultError {
        // A typed CallVault error with its sentence; anything else is a finding.
        _ = error.message
    } catch {
        fatalError("not a CallVault error: \(type(of: error)): \(error)")
    }
    do {
        let parsed = try RecordingAccessAttributes(json: text)
        for action in actions {
            _ = policy.decide(
                AccessRequest(principal: principal, action: action, recording: parsed, purpose: purpose, at: at))
        }
    } catch let error as any CallVaultError {
        // A typed CallVault error with its sentence; anything else is a finding.
        _ = error.message
    } catch {
        fatalError("not a CallVault error: \(type(of: error)): \(error)")
    }
    return 0
}
