// Preloaded into the benchmarked CLI (`node --require bench/rss-probe.cjs …`): reports the
// process's peak resident set size on stderr when it exits.
process.on("exit", () => {
  process.stderr.write(`\nJCM_MRV_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
