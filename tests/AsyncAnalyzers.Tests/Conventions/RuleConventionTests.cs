using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.Tests.Conventions
{
    /// <summary>Every rule is complete: page, README rows, release entry, changelog, help link, tests.</summary>
    public sealed class RuleConventionTests
    {
        private static readonly string[] Categories = typeof(DiagnosticCategories).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();

        public static IEnumerable<object[]> RuleIds => Repository.RuleIds;

        private static DiagnosticDescriptor Descriptor(string id) => Repository.Descriptors.Single(d => d.Id == id);

        [Fact]
        public void The_package_ships_at_least_one_analyzer_and_fix()
        {
            Assert.NotEmpty(Repository.Analyzers);
            Assert.NotEmpty(Repository.CodeFixes);
        }

        [Fact]
        public void Every_DiagnosticIds_constant_has_a_descriptor_and_every_descriptor_field_is_supported_by_an_analyzer()
        {
            var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
            var fields = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
                .Distinct()
                .ToList();
            var supported = Repository.Descriptors.Select(d => d.Id).ToList();
            Assert.Equal(constants.OrderBy(x => x, StringComparer.Ordinal), fields.OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(fields.OrderBy(x => x, StringComparer.Ordinal), supported);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Descriptor_has_a_well_formed_id_title_message_category_and_help_link(string id)
        {
            var descriptor = Descriptor(id);
            Assert.Matches(new Regex(@"^ASYNC\d{3}$"), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), "title");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()), "message");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), "description");
            Assert.Contains(descriptor.Category, Categories);
            Assert.Equal(AsyncAnalyzers.Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            Assert.EndsWith("/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Rule_page_exists_with_the_title_and_documents_every_option_the_rule_reads(string id)
        {
            var path = Path.Combine(Repository.Root, "rules", id + ".md");
            Assert.True(File.Exists(path), $"rules/{id}.md is missing");
            var page = File.ReadAllText(path);
            Assert.StartsWith($"# {id}: {Descriptor(id).Title}", page, StringComparison.Ordinal);
            foreach (var section in new[] { "## Why it matters", "## Bad", "## Good", "## What the fix does", "## Options", "## When to suppress", "## Related rules" })
            {
                Assert.True(page.Contains(section, StringComparison.Ordinal), $"rules/{id}.md lacks section '{section}'");
            }

            foreach (var option in RuleOptions.ReadBy(id))
            {
                Assert.True(page.Contains(option, StringComparison.Ordinal), $"rules/{id}.md does not document option '{option}'");
            }
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void README_and_rule_index_have_a_row_whose_fix_column_matches_the_fix_providers(string id)
        {
            var hasFix = Repository.CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));
            // A rule that ships disabled shows "None" (the catalogue's word for it).
            var severity = !Descriptor(id).IsEnabledByDefault ? "None" : Descriptor(id).DefaultSeverity == DiagnosticSeverity.Info ? "Info" : Descriptor(id).DefaultSeverity.ToString();
            foreach (var file in new[] { "README.md", Path.Combine("rules", "README.md") })
            {
                var row = Repository.Read(file).Split('\n').SingleOrDefault(l => l.StartsWith("| " + id + " ", StringComparison.Ordinal) || l.StartsWith("| [" + id + "]", StringComparison.Ordinal));
                Assert.True(row != null, $"{file} has no table row for {id}");
                Assert.Contains(Descriptor(id).Title.ToString(), row, StringComparison.Ordinal);
                Assert.Contains("| " + severity + " |", row, StringComparison.Ordinal);
                Assert.Contains(hasFix ? "| Yes" : "| No", row, StringComparison.Ordinal);
                Assert.Contains(id + ".md", row, StringComparison.Ordinal);
            }
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Release_tracking_changelog_and_tests_mention_the_rule(string id)
        {
            var descriptor = Descriptor(id);
            var releases = Repository.Read("src", "AsyncAnalyzers", "AnalyzerReleases.Shipped.md") + Repository.Read("src", "AsyncAnalyzers", "AnalyzerReleases.Unshipped.md");
            // Release tracking writes a rule that ships disabled as "Disabled".
            var tracked = !descriptor.IsEnabledByDefault ? "Disabled" : descriptor.DefaultSeverity == DiagnosticSeverity.Info ? "Info" : descriptor.DefaultSeverity.ToString();
            Assert.Matches(new Regex($@"(?m)^{id}\s*\|\s*{descriptor.Category}\s*\|\s*{tracked}\s*\|"), releases);
            Assert.Contains(id, Repository.Read("CHANGELOG.md"), StringComparison.Ordinal);

            var testsRoot = Path.Combine(Repository.Root, "tests", "AsyncAnalyzers.Tests");
            var mentioned = Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Conventions" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                            && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                            && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Any(f => File.ReadAllText(f).Contains(id, StringComparison.Ordinal));
            Assert.True(mentioned, $"no test outside Conventions/ mentions {id}");
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Rule_has_test_classes_selectable_with_the_Rule_trait(string id)
        {
            // `dotnet test --filter Rule=ASYNC302` must select the rule's tests: a class carries [Trait("Rule", id)].
            var tagged = typeof(RuleConventionTests).Assembly.GetTypes()
                .SelectMany(t => t.CustomAttributes)
                .Where(a => a.AttributeType == typeof(TraitAttribute) && a.ConstructorArguments.Count == 2)
                .Any(a => (string?)a.ConstructorArguments[0].Value == "Rule" && (string?)a.ConstructorArguments[1].Value == id);
            Assert.True(tagged, $"no test class has [Trait(\"Rule\", \"{id}\")]");
        }

        [Fact]
        public void Every_analyzer_has_tests_that_use_it()
        {
            var testsRoot = Path.Combine(Repository.Root, "tests", "AsyncAnalyzers.Tests");
            var sources = string.Join("\n", Directory.EnumerateFiles(testsRoot, "*Tests.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Conventions" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(File.ReadAllText));
            foreach (var analyzer in Repository.Analyzers)
            {
                Assert.True(sources.Contains(analyzer.GetType().Name, StringComparison.Ordinal), $"{analyzer.GetType().Name} is used by no test class");
            }
        }

        [Fact]
        public void Every_code_fix_is_exported_sealed_fixes_known_ids_and_has_Fix_All()
        {
            var ids = Repository.Descriptors.Select(d => d.Id).ToHashSet();
            foreach (var fix in Repository.CodeFixes)
            {
                var type = fix.GetType();
                Assert.True(type.IsSealed, $"{type.Name} is not sealed");
                var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
                Assert.True(export != null, $"{type.Name} lacks [ExportCodeFixProvider]");
                Assert.Contains(LanguageNames.CSharp, export!.Languages);
                Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());
                Assert.NotEmpty(fix.FixableDiagnosticIds);
                Assert.All(fix.FixableDiagnosticIds, id => Assert.True(ids.Contains(id) || id.StartsWith("CS", StringComparison.Ordinal), $"{type.Name} fixes unknown id {id}"));
                var fixAll = fix.GetFixAllProvider();
                Assert.True(fixAll != null, $"{type.Name} has no Fix All provider");
                Assert.Contains(FixAllScope.Solution, fixAll!.GetSupportedFixAllScopes());
            }
        }
    }
}
