/// Splits the sends of a pass into rate-limited batches: each batch is one connection, one batch per minute.
///
/// Exchange Online accepts 30 messages per minute per mailbox, hence the default `rate_per_minute: 30`; 0 means the
/// relay sets no limit and everything goes in one batch.
package enum DeliveryBatches {
    /// `sends` in order, in groups of at most `ratePerMinute` (all in one group when it is 0 or less).
    package static func split<Element>(_ sends: [Element], ratePerMinute: Int) -> [[Element]] {
        guard !sends.isEmpty else { return [] }
        guard ratePerMinute > 0 else { return [sends] }
        return stride(from: 0, to: sends.count, by: ratePerMinute).map {
            Array(sends[$0..<min($0 + ratePerMinute, sends.count)])
        }
    }
}
