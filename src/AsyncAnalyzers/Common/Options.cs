using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Common
{
    /// <summary>A behaviour option: <c>async_analyzers.ASYNCnnn.name</c> for one rule wins over <c>async_analyzers.name</c> for all.</summary>
    internal sealed class OptionKey
    {
        /// <summary>An option that takes one of <paramref name="choices"/> (case-insensitive).</summary>
        public OptionKey(string ruleId, string name, ImmutableArray<string> choices)
            : this(ruleId, name, OptionKind.Choice)
        {
            Choices = choices;
        }

        public OptionKey(string ruleId, string name, OptionKind kind)
        {
            RuleId = ruleId;
            Name = name;
            Kind = kind;
            RuleKey = "async_analyzers." + ruleId + "." + name;
            GlobalKey = "async_analyzers." + name;
        }

        public string RuleId { get; }

        /// <summary>The values a <see cref="OptionKind.Choice"/> option accepts.</summary>
        public ImmutableArray<string> Choices { get; } = ImmutableArray<string>.Empty;

        public string Name { get; }

        /// <summary>What a value must look like; ASYNC001 reports values that do not.</summary>
        public OptionKind Kind { get; }

        /// <summary><c>async_analyzers.ASYNCnnn.name</c>.</summary>
        public string RuleKey { get; }

        /// <summary><c>async_analyzers.name</c>.</summary>
        public string GlobalKey { get; }
    }

    /// <summary>The shapes an option value can take.</summary>
    internal enum OptionKind
    {
        /// <summary><c>true</c> or <c>false</c>.</summary>
        Boolean,

        /// <summary>A non-negative integer.</summary>
        Count,

        /// <summary>Documentation IDs (<c>M:</c>, <c>T:</c>, <c>N:</c>), comma or space separated.</summary>
        DocumentationIds,

        /// <summary><c>M:From=>M:To</c> pairs (spaces around <c>=></c> allowed), comma or space separated.</summary>
        TwinPairs,

        /// <summary>Method names (identifiers), comma or space separated.</summary>
        MethodNames,

        /// <summary>One of the values listed by the option.</summary>
        Choice,
    }

    /// <summary>
    /// Reads behaviour options from .editorconfig / .globalconfig. List values are parsed once per options
    /// object (the command-line compiler gives each file its own; the IDE shares one per set of sections), not per node.
    /// </summary>
    internal static class Options
    {
        private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ListCache> Lists = new ConditionalWeakTable<AnalyzerConfigOptions, ListCache>();

        public static AnalyzerConfigOptions ForTree(AnalyzerOptions options, SyntaxTree tree)
            => options.AnalyzerConfigOptionsProvider.GetOptions(tree);

        public static string? GetString(AnalyzerConfigOptions options, OptionKey key)
        {
            if (options.TryGetValue(key.RuleKey, out var value) || options.TryGetValue(key.GlobalKey, out value))
            {
                return value;
            }

            return null;
        }

        public static bool GetBool(AnalyzerConfigOptions options, OptionKey key, bool defaultValue)
        {
            var value = GetString(options, key);
            return value is null ? defaultValue : bool.TryParse(value.Trim(), out var parsed) ? parsed : defaultValue;
        }

        /// <summary>A comma/whitespace separated list; the rule-specific key and the global key are combined.</summary>
        public static ImmutableArray<string> GetList(AnalyzerConfigOptions options, OptionKey key)
        {
            var cache = Lists.GetValue(options, static _ => new ListCache());
            return cache.Get(options, key);
        }

        public static ImmutableArray<string> SplitList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return ImmutableArray<string>.Empty;
            }

            var parts = value!.Split(new[] { ',', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);

            // "A => B" (as people write it, and as the twins file allows) is one entry, not three.
            var builder = ImmutableArray.CreateBuilder<string>(parts.Length);
            foreach (var part in parts)
            {
                var last = builder.Count - 1;
                if (last >= 0 && (builder[last].EndsWith("=>", StringComparison.Ordinal) || part.StartsWith("=>", StringComparison.Ordinal)))
                {
                    builder[last] += part;
                }
                else
                {
                    builder.Add(part);
                }
            }

            return builder.ToImmutable();
        }

        private sealed class ListCache
        {
            // Values are boxed ImmutableArray<string>: a dictionary of a struct value is compiled by the JIT in every cold
            // compiler process, one of reference types runs the framework's precompiled code.
            private ImmutableDictionary<string, object> _values = ImmutableDictionary<string, object>.Empty;

            public ImmutableArray<string> Get(AnalyzerConfigOptions options, OptionKey key)
            {
                if (_values.TryGetValue(key.RuleKey, out var cached))
                {
                    return (ImmutableArray<string>)cached;
                }

                options.TryGetValue(key.GlobalKey, out var global);
                options.TryGetValue(key.RuleKey, out var rule);
                var parsed = SplitList(global).AddRange(SplitList(rule));
                ImmutableInterlocked.TryAdd(ref _values, key.RuleKey, parsed);
                return parsed;
            }
        }
    }
}
