// Integration tests start real brokers, chains and host processes: one at a time keeps them
// from starving each other on a two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
