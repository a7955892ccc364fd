import ConvenorIO
import Synchronization

/// A leading instance's token, set by the test as the lease changes hands.
final class TestFencing: FencingTokenSource {
    let instance: String
    private let current = Mutex<Int?>(nil)

    init(instance: String) { self.instance = instance }

    private let last = Mutex<Int?>(nil)

    var token: Int? { current.withLock { $0 } }
    var lastToken: Int? { last.withLock { $0 } }
    func set(_ token: Int) {
        current.withLock { $0 = token }
        last.withLock { $0 = token }
    }
    /// The instance's own clock says the lease ran out (a pause, a database outage): it keeps its last token.
    func lapse() { current.withLock { $0 = nil } }
}
