using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Semantics;

namespace AsyncAnalyzers.Common
{
    /// <summary>
    /// The catalogue of the .editorconfig keys each rule reads, besides its severity. A rule that reads an option
    /// lists it here; the convention tests check that the rule's page documents every key listed.
    /// </summary>
    internal static class RuleOptions
    {
        public static readonly OptionKey AsyncCounterpartExcludeMethods = new OptionKey(DiagnosticIds.AsyncCounterpart, "exclude_methods", OptionKind.DocumentationIds);
        public static readonly OptionKey AsyncCounterpartExtraTwins = new OptionKey(DiagnosticIds.AsyncCounterpart, "extra_async_twins", OptionKind.TwinPairs);

        /// <summary>ASYNC401: more types whose synchronous Dispose is fine in async code (documentation IDs, <c>T:</c> / <c>N:</c>).</summary>
        public static readonly OptionKey AwaitUsingExcludeTypes = new OptionKey(DiagnosticIds.AwaitUsing, "exclude_types", OptionKind.DocumentationIds);

        /// <summary>ASYNC507's fix: the MaxDegreeOfParallelism it writes (default: Environment.ProcessorCount).</summary>
        public static readonly OptionKey FanOutMaxDegree = new OptionKey(DiagnosticIds.BoundFanOut, "max_degree_of_parallelism", OptionKind.Count);

        /// <summary>ASYNC506's fix writes the same bounded Parallel.ForEachAsync; the global key sets both rules at once.</summary>
        public static readonly OptionKey SequentialAwaitsMaxDegree = new OptionKey(DiagnosticIds.SequentialAwaits, "max_degree_of_parallelism", OptionKind.Count);

        public static readonly OptionKey FireAndForgetMethods = new OptionKey(DiagnosticIds.UnobservedTask, "fire_and_forget_methods", OptionKind.MethodNames);
        public static readonly OptionKey ReportContractBound = new OptionKey(DiagnosticIds.AsyncVoidMethod, "report_contract_bound", OptionKind.Boolean);

        /// <summary>ASYNC203's fix changes a signature like the cascade does, so it honours the same switch.</summary>
        public static readonly OptionKey AsyncVoidPublicApi = new OptionKey(DiagnosticIds.AsyncVoidMethod, "cascade_public_api", OptionKind.Boolean);

        /// <summary>ASYNC606's fix reorders a signature, so it honours the same switch as the cascade.</summary>
        public static readonly OptionKey TokenLastPublicApi = new OptionKey(DiagnosticIds.TokenLast, "cascade_public_api", OptionKind.Boolean);

        // The cascade fix ("make async and update callers") of ASYNC104 and ASYNC201 reads these three.
        public static readonly OptionKey CascadeDepth = new OptionKey(DiagnosticIds.SyncOverAsync, "cascade_depth", OptionKind.Count);
        public static readonly OptionKey CascadePublicApi = new OptionKey(DiagnosticIds.SyncOverAsync, "cascade_public_api", OptionKind.Boolean);
        public static readonly OptionKey RenameToAsyncSuffix = new OptionKey(DiagnosticIds.SyncOverAsync, "rename_to_async_suffix", OptionKind.Boolean);

        /// <summary>
        /// Which fix ASYNC201 offers for a task dropped in synchronous code, for hosts that apply the first fix they find
        /// (<c>dotnet format</c>): <c>discard</c> (<c>_ =</c>, the default) or <c>cascade</c> (make the method async and
        /// update callers; <c>_ =</c> is then offered only where the cascade cannot start).
        /// </summary>
        public static readonly OptionKey UnobservedTaskPreferredFix = new OptionKey(DiagnosticIds.UnobservedTask, "preferred_fix", ImmutableArray.Create("discard", "cascade"));

        /// <summary>ASYNC601: where ConfigureAwait(false) is required — library projects (default), everywhere, or nowhere.</summary>
        public static readonly OptionKey ConfigureAwaitMode = new OptionKey(DiagnosticIds.ConfigureAwait, "configure_await", ImmutableArray.Create("library", "always", "never"));

        /// <summary>Every option the package reads, for ASYNC001.</summary>
        public static readonly ImmutableArray<OptionKey> All = ImmutableArray.Create(
            AsyncCounterpartExcludeMethods,
            AsyncCounterpartExtraTwins,
            AwaitUsingExcludeTypes,
            FanOutMaxDegree,
            SequentialAwaitsMaxDegree,
            FireAndForgetMethods,
            UnobservedTaskPreferredFix,
            ConfigureAwaitMode,
            ReportContractBound,
            AsyncVoidPublicApi,
            TokenLastPublicApi,
            CascadeDepth,
            CascadePublicApi,
            RenameToAsyncSuffix);

        /// <summary>Default <c>fire_and_forget_methods</c>: names of helpers whose call marks a task as deliberately not awaited.</summary>
        public static readonly ImmutableArray<string> DefaultFireAndForgetMethods = ImmutableArray.Create("Forget", "FireAndForget", "NoWait");

        /// <summary>Every key the rule reads: <c>dotnet_diagnostic.ID.severity</c> plus its behaviour options.</summary>
        public static IEnumerable<string> ReadBy(string ruleId)
        {
            yield return "dotnet_diagnostic." + ruleId + ".severity";

            // A switch, not a static dictionary: the analyzers touch this class's other fields, and a dictionary of
            // arrays built here would cost every cold compiler process its construction and JIT compilation.
            switch (ruleId)
            {
                case DiagnosticIds.UnobservedTask:
                    yield return FireAndForgetMethods.GlobalKey;
                    yield return UnobservedTaskPreferredFix.GlobalKey;
                    goto case DiagnosticIds.SyncOverAsync;
                case DiagnosticIds.SyncOverAsync:
                    // Both offer the cascade fix ("make it async all the way").
                    yield return CascadeDepth.GlobalKey;
                    yield return CascadePublicApi.GlobalKey;
                    yield return RenameToAsyncSuffix.GlobalKey;
                    break;
                case DiagnosticIds.AsyncVoidMethod:
                    yield return ReportContractBound.GlobalKey;
                    yield return AsyncVoidPublicApi.GlobalKey;
                    break;
                case DiagnosticIds.AwaitUsing:
                    yield return AwaitUsingExcludeTypes.GlobalKey;
                    break;
                case DiagnosticIds.BoundFanOut:
                    yield return FanOutMaxDegree.GlobalKey;
                    break;
                case DiagnosticIds.SequentialAwaits:
                    yield return SequentialAwaitsMaxDegree.GlobalKey;
                    break;
                case DiagnosticIds.ConfigureAwait:
                    yield return ConfigureAwaitMode.GlobalKey;
                    break;
                case DiagnosticIds.TokenLast:
                    yield return TokenLastPublicApi.GlobalKey;
                    break;
                case DiagnosticIds.AsyncCounterpart:
                    yield return AsyncCounterpartExcludeMethods.GlobalKey;
                    yield return AsyncCounterpartExtraTwins.GlobalKey;
                    yield return AsyncTwins.AdditionalFileName;
                    break;
            }
        }
    }
}
