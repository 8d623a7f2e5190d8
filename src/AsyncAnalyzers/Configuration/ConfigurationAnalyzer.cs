using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Configuration
{
    /// <summary>
    /// ASYNC001: an <c>async_analyzers.*</c> option, a line of AsyncAnalyzers.Twins.txt or a line of
    /// AsyncAnalyzers.baseline.txt that cannot be read. Reported once per key and value per compilation, at the end,
    /// with the key, the value and what was expected; the rules go on as if the entry were absent.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigurationAnalyzer : DiagnosticAnalyzer
    {
        private const string Prefix = "async_analyzers.";

        private static readonly ImmutableHashSet<string> RuleIds = CollectRuleIds();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidConfiguration);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationAction(Analyze);
        }

        private static void Analyze(CompilationAnalysisContext context)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            var provider = context.Options.AnalyzerConfigOptionsProvider;

            // The global options, then each distinct set of per-tree options. When the first file's keys times the number of
            // files is large, options objects are compared by what they wrap (SharedContent: the compiler gives every file its
            // own object around a dictionary shared by the files the same .editorconfig sections match); below that, reading
            // every file costs less than the reflection's first use in a cold compiler (about 3 ms, docs/performance.md).
            Check(context, provider.GlobalOptions, reported);
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { provider.GlobalOptions };
            var treeCount = 0;
            foreach (var _ in context.Compilation.SyntaxTrees)
            {
                treeCount++;
            }

            bool? byContent = null;
            foreach (var tree in context.Compilation.SyntaxTrees)
            {
                var options = provider.GetOptions(tree);
                if (!seen.Add(byContent == true ? SharedContent(options) : options))
                {
                    continue;
                }

                var keys = Check(context, options, reported);
                if (byContent is null)
                {
                    byContent = (long)keys * treeCount >= ReadByContentFromKeys;
                    if (byContent == true)
                    {
                        seen.Add(SharedContent(options));
                    }
                }
            }

            CheckAdditionalFiles(context, reported);
        }

        /// <summary>
        /// What determines <paramref name="options"/>' keys and values, compared by reference: two objects with the same
        /// content are read once. The command-line compiler wraps each file's options in its own
        /// <c>DictionaryAnalyzerConfigOptions</c> (Polly.Core: 178 objects of about 250 keys; reading them all was a quarter of
        /// this package's time in a warm build of Polly.Core, docs/performance.md) around an immutable dictionary it shares between the files
        /// the same sections match; Roslyn keeps that dictionary in a field named <c>Options</c> for analyzers that read it by
        /// reflection, and a compiler test holds its name and type. Any other options type (an IDE's, a test host's), or that
        /// type without that field, is its own content.
        /// </summary>
        internal static object SharedContent(AnalyzerConfigOptions options)
        {
            var type = options.GetType();
            var shared = LastSharedField;
            if (shared is null || shared.Type != type)
            {
                shared = LastSharedField = new SharedField(type, FindSharedField(type));
            }

            if (shared.Field is null)
            {
                return options;
            }

            try
            {
                return shared.Field.GetValue(options) ?? options;
            }
            catch (Exception ex) when (ex is MemberAccessException or ArgumentException or NotSupportedException)
            {
                return options;
            }
        }

        private static SharedField? LastSharedField;

        private static FieldInfo? FindSharedField(Type type)
        {
            if (!type.IsSealed || !string.Equals(type.FullName, "Microsoft.CodeAnalysis.Diagnostics.DictionaryAnalyzerConfigOptions", StringComparison.Ordinal))
            {
                return null;
            }

            var field = type.GetField("Options", BindingFlags.Instance | BindingFlags.NonPublic);
            return field is { IsInitOnly: true } && field.FieldType == typeof(ImmutableDictionary<string, string>) ? field : null;
        }

        private sealed class SharedField
        {
            public SharedField(Type type, FieldInfo? field)
            {
                Type = type;
                Field = field;
            }

            public Type Type { get; }

            public FieldInfo? Field { get; }
        }

        /// <summary>
        /// Keys to read (the first file's times the number of files) from which options are compared by content: about 3 ms of
        /// enumeration in a cold compiler, what the reflection's first use costs there.
        /// </summary>
        private const long ReadByContentFromKeys = 10_000;

        /// <summary>Reports the malformed <c>async_analyzers.*</c> entries of <paramref name="options"/>; returns how many keys it read.</summary>
        private static int Check(CompilationAnalysisContext context, AnalyzerConfigOptions options, HashSet<string> reported)
        {
            var count = 0;
            foreach (var key in options.Keys)
            {
                count++;
                // Nearly every key is someone else's (csharp_style_*, build_property.*, …): its first character rules it out before
                // the case-insensitive comparison. Enumerating the keys is most of this rule's time (docs/performance.md).
                if (key.Length <= Prefix.Length || (key[0] | 0x20) != 'a' || !key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                    || !options.TryGetValue(key, out var value))
                {
                    continue;
                }

                var problem = Validate(key, value);
                if (problem is not null && reported.Add(key + "\0" + value))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidConfiguration, Location.None, key, value, problem));
                }
            }

            return count;
        }

        /// <summary>What is wrong with <c>key = value</c>, or null when both are fine.</summary>
        internal static string? Validate(string key, string value)
        {
            var rest = key.Substring(Prefix.Length);
            string? ruleId = null;
            var dot = rest.IndexOf('.');
            if (dot > 0 && rest.StartsWith("ASYNC", StringComparison.OrdinalIgnoreCase))
            {
                ruleId = rest.Substring(0, dot).ToUpperInvariant();
                rest = rest.Substring(dot + 1);
                if (!RuleIds.Contains(ruleId))
                {
                    return "'" + ruleId + "' is not an AsyncAnalyzers rule";
                }
            }

            OptionKey? option = null;
            foreach (var candidate in RuleOptions.All)
            {
                if (string.Equals(candidate.Name, rest, StringComparison.OrdinalIgnoreCase)
                    && (ruleId is null || candidate.RuleId == ruleId))
                {
                    option = candidate;
                    break;
                }
            }

            if (option is null)
            {
                return ruleId is null
                    ? "'" + rest + "' is not an AsyncAnalyzers option; known options: " + KnownNames(null)
                    : KnownNames(ruleId) is { Length: > 0 } names
                        ? "'" + rest + "' is not an option of " + ruleId + "; it reads " + names + ReadElsewhere(rest)
                        : ruleId + " has no options" + ReadElsewhere(rest);
            }

            return ValidateValue(option, value);
        }

        internal static string? ValidateValue(OptionKey option, string value)
        {
            var trimmed = value.Trim();
            switch (option.Kind)
            {
                case OptionKind.Boolean:
                    return string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase)
                        ? null
                        : "expected 'true' or 'false'";
                case OptionKind.Count:
                    return int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                        ? null
                        : "expected a non-negative whole number";
                case OptionKind.Choice:
                    foreach (var choice in option.Choices)
                    {
                        if (string.Equals(trimmed, choice, StringComparison.OrdinalIgnoreCase))
                        {
                            return null;
                        }
                    }

                    return "expected one of " + string.Join(", ", option.Choices);
                case OptionKind.DocumentationIds:
                    foreach (var entry in Options.SplitList(value))
                    {
                        if (DocumentationIdProblem(entry, allowNamespaces: true) is { } problem)
                        {
                            return problem;
                        }
                    }

                    return null;
                case OptionKind.TwinPairs:
                    foreach (var entry in Options.SplitList(value))
                    {
                        if (TwinProblem(entry) is { } problem)
                        {
                            return problem;
                        }
                    }

                    return null;
                case OptionKind.MethodNames:
                    foreach (var entry in Options.SplitList(value))
                    {
                        if (!IsIdentifier(entry))
                        {
                            return "'" + entry + "' is not a method name; expected names such as Forget, FireAndForget";
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>An entry of the twins file or of <c>exclude_methods</c>: <c>M:</c>/<c>T:</c>/<c>N:</c> followed by a dotted name.</summary>
        internal static string? DocumentationIdProblem(string entry, bool allowNamespaces)
        {
            if (entry.IndexOf("=>", StringComparison.Ordinal) >= 0)
            {
                return "'" + entry + "' is a twin pair; pairs go in extra_async_twins";
            }

            var valid = entry.Length > 2 && entry[1] == ':'
                && (entry[0] == 'M' || entry[0] == 'T' || (allowNamespaces && entry[0] == 'N'))
                && IsDottedName(entry, 2);
            return valid
                ? null
                : "'" + entry + "' is not a documentation ID; expected M:Namespace.Type.Method, T:Namespace.Type" + (allowNamespaces ? " or N:Namespace" : string.Empty);
        }

        internal static string? TwinProblem(string entry)
        {
            if (!AsyncTwins.TryParseTwin(entry, out var twin))
            {
                return "'" + entry + "' is not a twin pair; expected M:Namespace.Type.Method=>M:Namespace.Type.MethodAsync";
            }

            foreach (var side in new[] { twin.From, twin.To })
            {
                if (side.Length <= 2 || !side.StartsWith("M:", StringComparison.Ordinal) || !IsDottedName(side, 2))
                {
                    return "'" + side + "' in '" + entry + "' is not a method documentation ID; expected M:Namespace.Type.Method=>M:Namespace.Type.MethodAsync";
                }
            }

            return null;
        }

        private static void CheckAdditionalFiles(CompilationAnalysisContext context, HashSet<string> reported)
        {
            foreach (var file in context.Options.AdditionalFiles)
            {
                var name = Path.GetFileName(file.Path);
                if (string.Equals(name, AsyncTwins.AdditionalFileName, StringComparison.OrdinalIgnoreCase))
                {
                    CheckTwinsFile(context, file, reported);
                }
            }

            if (BaselineSuppressor.Find(context.Options.AdditionalFiles, context.CancellationToken) is { } baseline)
            {
                if (baseline.Unreadable)
                {
                    Report(context, reported, baseline.Path, "(the file)", "it could not be read");
                }

                foreach (var (line, error) in baseline.Errors)
                {
                    Report(context, reported, baseline.Path + " line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture), "(entry)", error);
                }
            }
        }

        private static void CheckTwinsFile(CompilationAnalysisContext context, AdditionalText file, HashSet<string> reported)
        {
            var text = file.GetText(context.CancellationToken);
            if (text is null)
            {
                Report(context, reported, file.Path, "(the file)", "it could not be read");
                return;
            }

            foreach (var line in text.Lines)
            {
                var entry = line.ToString();
                var comment = entry.IndexOf('#');
                entry = (comment >= 0 ? entry.Substring(0, comment) : entry).Trim();
                if (entry.Length == 0)
                {
                    continue;
                }

                var problem = entry.IndexOf("=>", StringComparison.Ordinal) >= 0 ? TwinProblem(entry) : DocumentationIdProblem(entry, allowNamespaces: true);
                if (problem is not null)
                {
                    Report(context, reported, file.Path + " line " + (line.LineNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), entry, problem);
                }
            }
        }

        private static void Report(CompilationAnalysisContext context, HashSet<string> reported, string where, string value, string problem)
        {
            if (reported.Add(where + "\0" + value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidConfiguration, Location.None, where, value, problem));
            }
        }

        private static string KnownNames(string? ruleId)
        {
            var names = new List<string>();
            foreach (var option in RuleOptions.All)
            {
                if ((ruleId is null || option.RuleId == ruleId) && !names.Contains(option.Name))
                {
                    names.Add(option.Name);
                }
            }

            return string.Join(", ", names);
        }

        /// <summary>For a per-rule key whose option belongs to another rule (the cascade options are ASYNC104's).</summary>
        private static string ReadElsewhere(string name)
        {
            foreach (var option in RuleOptions.All)
            {
                if (string.Equals(option.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return "; '" + option.Name + "' is read as " + option.GlobalKey + " or " + option.RuleKey;
                }
            }

            return string.Empty;
        }

        private static bool IsDottedName(string text, int start)
        {
            if (start >= text.Length)
            {
                return false;
            }

            for (var i = start; i < text.Length; i++)
            {
                var c = text[i];
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '`' || c == '(' || c == ')' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']' || c == '@' || c == '*' || c == '#' || c == '~'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsIdentifier(string text)
        {
            if (text.Length == 0 || char.IsDigit(text[0]))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (!char.IsLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }

            return true;
        }

        private static ImmutableHashSet<string> CollectRuleIds()
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var field in typeof(DiagnosticIds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            {
                if (field.IsLiteral && field.GetRawConstantValue() is string id)
                {
                    builder.Add(id);
                }
            }

            return builder.ToImmutable();
        }

        private sealed class ReferenceEqualityComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceEqualityComparer Instance = new ReferenceEqualityComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
