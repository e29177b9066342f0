using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.TextBenchmarks;

// Text span attribution at scale. Per size (default 10 M and 100 M tokens of linux-doc, repeated to reach the size):
//   1. the suffix-array build of the token stream by our SA-IS and by libdivsufsort (two byte encodings), each in a
//      child process of its own so its peak resident memory (VmHWM) is its own; rounds alternate the builders;
//   2. the stored index (tokens + suffix array + row table), loaded back with its content hash checked: bytes/token;
//   3. span traces of 300-token outputs that stitch corpus passages with words of their own: latency p50/p90/max.
// One JSON line per case on stdout, progress on stderr. --smoke: 300,000 tokens, seconds; checks that a trace equals
// the same trace over 4 shards and the longest matches equal a naive scan, and that the index stores ≤ 8 bytes per
// token; exit 1 otherwise. The timing goals (build ≤ 1.0× libdivsufsort, trace ≤ 10 ms at 100 M) are reported, not enforced.
if (args.Length > 0 && args[0] == "--child") return Child.Run(args[1..]);

var smoke = args.Contains("--smoke");
var sizes = Option("--sizes", smoke ? "300000" : "10000000,100000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var outputs = int.Parse(Option("--outputs", smoke ? "10" : "60"), CultureInfo.InvariantCulture);
var roundsOption = Option("--rounds", "");
var seed = int.Parse(Option("--seed", "16"), CultureInfo.InvariantCulture);
const int outputTokens = 300;
const int Warmup = 10; // outputs traced before timing (JIT tiers, caches)
const double storedBytesGoal = 8.0;

var failures = new List<string>();
var work = Directory.CreateTempSubdirectory("openledger-text-bench-");
try
{
    var corpus = LinuxDocCorpus.Load(smoke ? sizes.Max() : long.MaxValue, Progress);
    var corpusDocuments = corpus.Count(t => t == Gpt2TextTokenizer.Separator);
    Progress($"corpus: {corpus.Length:N0} stream tokens, {corpusDocuments:N0} documents; libdivsufsort {Divsufsort.Version}");
    Console.WriteLine(new JsonObject
    {
        ["case"] = "corpus",
        ["source"] = LinuxDocCorpus.Root,
        ["documents"] = corpusDocuments,
        ["stream_tokens"] = corpus.Length,
        ["libdivsufsort"] = Divsufsort.Version,
        ["cores"] = Environment.ProcessorCount,
        ["load_average"] = LoadAverage(),
    }.ToJsonString());

    foreach (var size in sizes) RunSize(corpus, size);
}
finally
{
    work.Delete(recursive: true);
}
foreach (var failure in failures) Console.Error.WriteLine($"FAILED: {failure}");
return failures.Count == 0 ? 0 : 1;

void RunSize(ushort[] corpus, int size)
{
    var (stream, documents) = LinuxDocCorpus.Repeat(corpus, size);
    var streamFile = Path.Combine(work.FullName, $"stream-{size}.u16");
    File.WriteAllBytes(streamFile, MemoryMarshal.AsBytes(stream.AsSpan()).ToArray());
    var artifactFile = Path.Combine(work.FullName, $"index-{size}.olsa");
    var rounds = roundsOption.Length > 0 ? int.Parse(roundsOption, CultureInfo.InvariantCulture) : size <= 20_000_000 ? 3 : 2;
    Progress($"{size:N0} tokens ({documents:N0} documents, {(double)size / corpus.Length:F2} × the corpus): {rounds} build round(s)");

    var results = new Dictionary<string, List<JsonObject>> { ["sais"] = [], ["divsufsort-dense"] = [], ["divsufsort-be16"] = [] };
    for (var round = 0; round < rounds; round++)
    {
        foreach (var builder in new[] { "divsufsort-dense", "sais", "divsufsort-be16" })
        {
            var load = LoadAverage();
            var result = Child.Start(builder == "sais" ? [builder, streamFile, artifactFile] : [builder, streamFile]);
            result["case"] = "build";
            result["tokens"] = size;
            result["round"] = round + 1;
            result["load_average_before"] = load;
            Console.WriteLine(result.ToJsonString());
            results[builder].Add(result);
            Progress($"  {builder}: {(double)result["build_seconds"]!:F2} s ({(double)result["build_cpu_seconds"]!:F2} s CPU), peak {(long)result["peak_rss_bytes"]! / (double)size:F2} bytes/token");
        }
    }

    // Best of the rounds, in wall-clock and in CPU seconds. Every build is single-threaded, so on an idle machine the two
    // agree; on a loaded one, CPU time leaves out the time the build waited for a core, and is the fairer ratio.
    double Best(string builder) => results[builder].Min(r => (double)r["build_seconds"]!);
    double BestCpu(string builder) => results[builder].Min(r => (double)r["build_cpu_seconds"]!);
    var sais = results["sais"].MinBy(r => (double)r["build_seconds"]!)!;
    var hash = (string)sais["artifact_hash"]!;
    var started = Stopwatch.GetTimestamp();
    SuffixArrayIndex index;
    using (var file = File.OpenRead(artifactFile)) index = SuffixArrayIndexFormat.Read(file, hash);
    var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var storedBytesPerToken = new FileInfo(artifactFile).Length / (double)size;
    if (storedBytesPerToken > storedBytesGoal) failures.Add($"{size:N0} tokens: the stored index takes {storedBytesPerToken:F3} bytes per token (goal ≤ {storedBytesGoal})");

    var trace = TraceLatency(index, stream, size);
    var traceP50 = trace.P50;
    Console.WriteLine(new JsonObject
    {
        ["case"] = "summary",
        ["tokens"] = size,
        ["documents"] = documents,
        ["sais_build_seconds"] = Round(Best("sais")),
        ["sais_tokens_per_second"] = Math.Round(size / Best("sais")),
        ["sais_peak_rss_bytes_per_token"] = Round((long)sais["peak_rss_bytes"]! / (double)size),
        ["divsufsort_dense_build_seconds"] = Round(Best("divsufsort-dense")),
        ["divsufsort_dense_peak_rss_bytes_per_token"] = Round(results["divsufsort-dense"].Min(r => (long)r["peak_rss_bytes"]!) / (double)size),
        ["divsufsort_be16_build_seconds"] = Round(Best("divsufsort-be16")),
        ["divsufsort_be16_peak_rss_bytes_per_token"] = Round(results["divsufsort-be16"].Min(r => (long)r["peak_rss_bytes"]!) / (double)size),
        ["sais_build_cpu_seconds"] = Round(BestCpu("sais")),
        ["divsufsort_dense_build_cpu_seconds"] = Round(BestCpu("divsufsort-dense")),
        ["divsufsort_be16_build_cpu_seconds"] = Round(BestCpu("divsufsort-be16")),
        ["ratio_sais_over_divsufsort_dense"] = Round(Best("sais") / Best("divsufsort-dense")),
        ["ratio_sais_over_divsufsort_be16"] = Round(Best("sais") / Best("divsufsort-be16")),
        ["cpu_ratio_sais_over_divsufsort_dense"] = Round(BestCpu("sais") / BestCpu("divsufsort-dense")),
        ["cpu_ratio_sais_over_divsufsort_be16"] = Round(BestCpu("sais") / BestCpu("divsufsort-be16")),
        ["stored_bytes_per_token"] = Round(storedBytesPerToken),
        ["stored_index_sha256"] = hash,
        ["index_load_seconds"] = Round(loadSeconds),
        ["trace_p50_ms"] = Round(traceP50),
        ["trace_p90_ms"] = Round(trace.P90),
        ["trace_max_ms"] = Round(trace.Max),
        ["goal_build_at_most_divsufsort_dense_cpu"] = BestCpu("sais") <= BestCpu("divsufsort-dense"),
        ["goal_build_at_most_divsufsort_be16_cpu"] = BestCpu("sais") <= BestCpu("divsufsort-be16"),
        ["goal_trace_p50_at_most_10ms"] = traceP50 <= 10,
        ["goal_stored_at_most_8_bytes_per_token"] = storedBytesPerToken <= storedBytesGoal,
        ["load_average"] = LoadAverage(),
    }.ToJsonString());
    File.Delete(streamFile);
    File.Delete(artifactFile);
}

(double P50, double P90, double Max) TraceLatency(SuffixArrayIndex index, ushort[] stream, int size)
{
    var random = new Random(seed);
    var tokenizer = Gpt2TextTokenizer.Shared;
    var surprisal = UnigramSurprisal.OfShards([index]);
    var options = SpanQueryOptions.Default;
    var texts = Enumerable.Range(0, outputs + Warmup).Select(_ => StitchedOutput(random, stream, outputTokens)).ToList();
    var traceMs = new List<double>();
    var traceCpuMs = new List<double>();
    var tokenizeMs = new List<double>();
    var spans = new List<int>();
    var coverage = new List<double>();
    for (var o = 0; o < texts.Count; o++)
    {
        var started = Stopwatch.GetTimestamp();
        var output = tokenizer.Tokenize(texts[o]);
        var tokenized = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var cpu = ThreadClock.Milliseconds();
        started = Stopwatch.GetTimestamp();
        var result = SpanTracer.Trace([index], output, options, surprisal);
        var traced = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var tracedCpu = ThreadClock.Milliseconds() - cpu;
        if (o < Warmup) continue;
        traceMs.Add(traced);
        traceCpuMs.Add(tracedCpu);
        tokenizeMs.Add(tokenized);
        spans.Add(result.Spans.Count);
        var weights = TextRewardRule.Weigh(result, 16);
        coverage.Add(1 - weights.UnattributedWeight / (double)Math.Max(1, weights.TotalWeight));
    }
    if (smoke) CheckExactness(index, stream, texts.Take(3).Select(tokenizer.Tokenize).ToList(), options, surprisal);

    traceMs.Sort();
    var result2 = (Percentile(traceMs, 50), Percentile(traceMs, 90), traceMs[^1]);
    Console.WriteLine(new JsonObject
    {
        ["case"] = "trace",
        ["tokens"] = size,
        ["outputs"] = traceMs.Count,
        ["output_tokens"] = outputTokens,
        ["min_tokens"] = options.MinTokens,
        ["max_occurrences"] = options.MaxOccurrences,
        ["max_spans"] = options.MaxSpans,
        ["trace_p50_ms"] = Round(result2.Item1),
        ["trace_p90_ms"] = Round(result2.Item2),
        ["trace_max_ms"] = Round(result2.Item3),
        ["trace_mean_ms"] = Round(traceMs.Average()),
        ["trace_cpu_mean_ms"] = Round(traceCpuMs.Average()),
        ["trace_cpu_p50_ms"] = Round(Percentile(traceCpuMs.Order().ToList(), 50)),
        ["tokenize_p50_ms"] = Round(Percentile(tokenizeMs.Order().ToList(), 50)),
        ["spans_mean"] = Round(spans.Average()),
        ["attributed_weight_share_mean"] = Round(coverage.Average()),
        ["load_average"] = LoadAverage(),
    }.ToJsonString());
    return result2;
}

// An "assistant answer": passages of 20–60 tokens from random places of the corpus, joined by sentences of its own,
// cut to 300 tokens.
string StitchedOutput(Random random, ushort[] stream, int tokens)
{
    string[] glue =
    [
        " In short, this is how the subsystem behaves. ",
        " Keep that in mind when you configure it. ",
        " The next point follows from the same design. ",
        " As a rule of thumb, measure before you tune. ",
    ];
    var tokenizer = Gpt2TextTokenizer.Shared;
    var text = new System.Text.StringBuilder();
    while (true)
    {
        var start = random.Next(stream.Length - 100);
        var length = random.Next(20, 61);
        var end = stream.AsSpan(start, length).IndexOf(Gpt2TextTokenizer.Separator);
        var passage = stream.AsSpan(start, end < 0 ? length : end);
        if (passage.Length < 5) continue;
        text.Append(tokenizer.Decode(passage)).Append(glue[random.Next(glue.Length)]);
        var ids = tokenizer.Encode(text.ToString());
        if (ids.Length >= tokens) return tokenizer.Decode(ids.AsSpan(0, tokens));
    }
}

void CheckExactness(SuffixArrayIndex index, ushort[] stream, List<TokenizedText> checkOutputs, SpanQueryOptions options, UnigramSurprisal surprisal)
{
    // Four shards of the same documents answer exactly as the single index.
    var documents = new List<IndexedDocument>();
    var start = 0;
    for (var i = 0; i < stream.Length; i++)
    {
        if (stream[i] != Gpt2TextTokenizer.Separator) continue;
        documents.Add(new IndexedDocument(documents.Count, stream[start..i]));
        start = i + 1;
    }
    var shards = SpanIndexShards.Build(documents, stream.Length / 4 + 1);
    foreach (var output in checkOutputs)
    {
        var one = JsonSerializer.Serialize(SpanTracer.Trace([index], output, options, surprisal));
        var many = JsonSerializer.Serialize(SpanTracer.Trace(shards, output, options, surprisal));
        if (one != many) failures.Add($"a trace over {shards.Count} shards differs from the single index's");

        // Longest matches against a naive scan of the stream (a query never holds the separator, so no match crosses documents).
        var (starts, ends) = SpanTracer.MatchRequests(output);
        var lengths = index.LongestMatches(output.Ids, starts, ends);
        for (var k = 0; k < starts.Length; k++)
        {
            var query = output.Ids.AsSpan(starts[k]..ends[k]);
            var naive = 0;
            for (var p = 0; p < stream.Length && naive < query.Length; p++) naive = Math.Max(naive, stream.AsSpan(p).CommonPrefixLength(query));
            if (naive != lengths[k]) failures.Add($"longest match at output token {starts[k]}: index {lengths[k]}, naive scan {naive}");
        }
    }
    Progress($"exactness: {checkOutputs.Count} outputs, single index == {shards.Count} shards == naive scan: {(failures.Count == 0 ? "ok" : "FAILED")}");
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

static double Round(double value) => Math.Round(value, 3);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
