using System.Collections.Generic;
using System.Collections.Immutable;

namespace AsyncAnalyzers.Infrastructure
{
    /// <summary>
    /// The catalogue of the .editorconfig keys each rule reads, besides its severity. A rule that reads an option
    /// lists it here; the convention tests check that the rule's page documents every key listed.
    /// </summary>
    internal static class RuleOptions
    {
        public static readonly OptionKey AsyncCounterpartExcludeMethods = new OptionKey(DiagnosticIds.AsyncCounterpart, "exclude_methods");
        public static readonly OptionKey AsyncCounterpartExtraTwins = new OptionKey(DiagnosticIds.AsyncCounterpart, "extra_async_twins");

        private static readonly ImmutableDictionary<string, ImmutableArray<string>> BehaviourOptions =
            ImmutableDictionary<string, ImmutableArray<string>>.Empty
                .Add(DiagnosticIds.AsyncCounterpart, ImmutableArray.Create(
                    AsyncCounterpartExcludeMethods.GlobalKey,
                    AsyncCounterpartExtraTwins.GlobalKey,
                    AsyncTwins.AdditionalFileName));

        /// <summary>Every key the rule reads: <c>dotnet_diagnostic.ID.severity</c> plus its behaviour options.</summary>
        public static IEnumerable<string> ReadBy(string ruleId)
        {
            yield return "dotnet_diagnostic." + ruleId + ".severity";
            if (BehaviourOptions.TryGetValue(ruleId, out var options))
            {
                foreach (var option in options)
                {
                    yield return option;
                }
            }
        }
    }
}
