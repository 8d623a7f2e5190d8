using System.Threading.Tasks;
using AsyncAnalyzers.Configuration;
using AsyncAnalyzers.Tests.Verifiers;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Configuration.ConfigurationAnalyzer>;

namespace AsyncAnalyzers.Tests.Configuration
{
    /// <summary>ASYNC001: each malformed form is reported once with key, value and what was expected; well-formed ones are not.</summary>
    [Trait("Rule", "ASYNC001")]
    public sealed class ConfigurationAnalyzerTests
    {
        private const string Code = "class C { }";

        private static Task VerifyEditorConfigAsync(string settings, params DiagnosticResult[] expected)
        {
            var test = new AnalyzerTest<ConfigurationAnalyzer> { TestCode = Code };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + settings + "\n"));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static DiagnosticResult Invalid(string key, string value, string problem)
            => Verify.Diagnostic().WithNoLocation().WithArguments(key, value, problem);

        [Fact]
        public Task Boolean_written_as_yes()
            => VerifyEditorConfigAsync(
                "async_analyzers.report_contract_bound = yes",
                Invalid("async_analyzers.report_contract_bound", "yes", "expected 'true' or 'false'"));

        [Fact]
        public Task Depth_that_is_not_a_whole_number()
            => VerifyEditorConfigAsync(
                "async_analyzers.cascade_depth = 2.5",
                Invalid("async_analyzers.cascade_depth", "2.5", "expected a non-negative whole number"));

        [Fact]
        public Task Negative_depth()
            => VerifyEditorConfigAsync(
                "async_analyzers.ASYNC104.cascade_depth = -1",
                Invalid("async_analyzers.async104.cascade_depth", "-1", "expected a non-negative whole number"));

        [Fact]
        public Task Documentation_id_without_prefix()
            => VerifyEditorConfigAsync(
                "async_analyzers.ASYNC103.exclude_methods = M:My.Store.Save, System.IO.File.ReadAllText",
                Invalid(
                    "async_analyzers.async103.exclude_methods",
                    "M:My.Store.Save, System.IO.File.ReadAllText",
                    "'System.IO.File.ReadAllText' is not a documentation ID; expected M:Namespace.Type.Method, T:Namespace.Type or N:Namespace"));

        [Fact]
        public Task Twin_pair_in_the_exclusion_list()
            => VerifyEditorConfigAsync(
                "async_analyzers.exclude_methods = M:A.B.Save=>M:A.B.SaveAsync",
                Invalid("async_analyzers.exclude_methods", "M:A.B.Save=>M:A.B.SaveAsync", "'M:A.B.Save=>M:A.B.SaveAsync' is a twin pair; pairs go in extra_async_twins"));

        [Fact]
        public Task Twin_pairs_separated_by_bars()
            => VerifyEditorConfigAsync(
                "async_analyzers.extra_async_twins = M:A.B.Save=>M:A.B.SaveAsync|M:A.B.Load=>M:A.B.LoadAsync",
                Invalid(
                    "async_analyzers.extra_async_twins",
                    "M:A.B.Save=>M:A.B.SaveAsync|M:A.B.Load=>M:A.B.LoadAsync",
                    "'M:A.B.SaveAsync|M:A.B.Load=>M:A.B.LoadAsync' in 'M:A.B.Save=>M:A.B.SaveAsync|M:A.B.Load=>M:A.B.LoadAsync' is not a method documentation ID; expected M:Namespace.Type.Method=>M:Namespace.Type.MethodAsync"));

        [Fact]
        public Task Twin_pair_without_method_prefix()
            => VerifyEditorConfigAsync(
                "async_analyzers.extra_async_twins = A.B.Save => M:A.B.SaveAsync",
                Invalid(
                    "async_analyzers.extra_async_twins",
                    "A.B.Save => M:A.B.SaveAsync",
                    "'A.B.Save' in 'A.B.Save=>M:A.B.SaveAsync' is not a method documentation ID; expected M:Namespace.Type.Method=>M:Namespace.Type.MethodAsync"));

        [Fact]
        public Task Twin_entry_without_arrow()
            => VerifyEditorConfigAsync(
                "async_analyzers.extra_async_twins = M:A.B.Save",
                Invalid("async_analyzers.extra_async_twins", "M:A.B.Save", "'M:A.B.Save' is not a twin pair; expected M:Namespace.Type.Method=>M:Namespace.Type.MethodAsync"));

        [Fact]
        public Task Method_names_with_punctuation()
            => VerifyEditorConfigAsync(
                "async_analyzers.fire_and_forget_methods = Forget, Ext.Forget()",
                Invalid("async_analyzers.fire_and_forget_methods", "Forget, Ext.Forget()", "'Ext.Forget()' is not a method name; expected names such as Forget, FireAndForget"));

        [Fact]
        public Task Unknown_option_for_a_known_rule()
            => VerifyEditorConfigAsync(
                "async_analyzers.ASYNC103.exclude_method = M:A.B",
                Invalid("async_analyzers.async103.exclude_method", "M:A.B", "'exclude_method' is not an option of ASYNC103; it reads exclude_methods, extra_async_twins"));

        [Fact]
        public Task Option_of_another_rule_under_a_rule_prefix_says_where_it_is_read()
            => VerifyEditorConfigAsync(
                "async_analyzers.ASYNC201.cascade_depth = 2",
                Invalid(
                    "async_analyzers.async201.cascade_depth",
                    "2",
                    "'cascade_depth' is not an option of ASYNC201; it reads fire_and_forget_methods, preferred_fix; 'cascade_depth' is read as async_analyzers.cascade_depth or async_analyzers.ASYNC104.cascade_depth"));

        [Fact]
        public Task Rule_without_options()
            => VerifyEditorConfigAsync(
                "async_analyzers.ASYNC101.delay = 5",
                Invalid("async_analyzers.async101.delay", "5", "ASYNC101 has no options"));

        [Fact]
        public Task Unknown_rule_id()
            => VerifyEditorConfigAsync(
                "async_analyzers.ASYNC999.cascade_depth = 2",
                Invalid("async_analyzers.async999.cascade_depth", "2", "'ASYNC999' is not an AsyncAnalyzers rule"));

        [Fact]
        public Task Unknown_global_option()
            => VerifyEditorConfigAsync(
                "async_analyzers.cascade_deep = 2",
                Invalid(
                    "async_analyzers.cascade_deep",
                    "2",
                    "'cascade_deep' is not an AsyncAnalyzers option; known options: exclude_methods, extra_async_twins, exclude_types, max_degree_of_parallelism, fire_and_forget_methods, preferred_fix, configure_await, report_contract_bound, cascade_public_api, cascade_depth, rename_to_async_suffix"));

        [Fact]
        public Task Preferred_fix_outside_its_choices()
            => VerifyEditorConfigAsync(
                "async_analyzers.ASYNC201.preferred_fix = first",
                Invalid("async_analyzers.async201.preferred_fix", "first", "expected one of discard, cascade"));

        [Fact]
        public Task Configure_await_outside_its_choices()
            => VerifyEditorConfigAsync(
                "async_analyzers.configure_await = sometimes",
                Invalid("async_analyzers.configure_await", "sometimes", "expected one of library, always, never"));

        [Fact]
        public Task Configure_await_choices_are_accepted_in_any_case()
            => VerifyEditorConfigAsync("async_analyzers.ASYNC601.configure_await = Always");

        [Fact]
        public async Task The_same_setting_in_two_sections_is_reported_once()
        {
            var test = new AnalyzerTest<ConfigurationAnalyzer>
            {
                TestState = { Sources = { ("/src/A.cs", "class A { }"), ("/test/B.cs", "class B { }") } },
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [src/*.cs]
                async_analyzers.cascade_depth = many

                [test/*.cs]
                async_analyzers.cascade_depth = many

                """));
            test.ExpectedDiagnostics.Add(Invalid("async_analyzers.cascade_depth", "many", "expected a non-negative whole number"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Global_config_values_are_checked()
        {
            var test = new AnalyzerTest<ConfigurationAnalyzer> { TestCode = Code };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
                is_global = true
                async_analyzers.rename_to_async_suffix = on

                """));
            test.ExpectedDiagnostics.Add(Invalid("async_analyzers.rename_to_async_suffix", "on", "expected 'true' or 'false'"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Twins_file_lines_are_checked_with_their_line_numbers()
        {
            var test = new AnalyzerTest<ConfigurationAnalyzer> { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("/AsyncAnalyzers.Twins.txt", """
                # comment
                M:A.B.Save => M:A.B.SaveAsync
                T:A.InMemory
                A.B.Load
                M:A.B.Save=>

                """));
            test.ExpectedDiagnostics.Add(Invalid("/AsyncAnalyzers.Twins.txt line 4", "A.B.Load", "'A.B.Load' is not a documentation ID; expected M:Namespace.Type.Method, T:Namespace.Type or N:Namespace"));
            test.ExpectedDiagnostics.Add(Invalid("/AsyncAnalyzers.Twins.txt line 5", "M:A.B.Save=>", "'M:A.B.Save=>' is not a twin pair; expected M:Namespace.Type.Method=>M:Namespace.Type.MethodAsync"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Baseline_lines_that_are_not_entries()
        {
            var test = new AnalyzerTest<ConfigurationAnalyzer> { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("/AsyncAnalyzers.baseline.txt", "# header\nASYNC101\tC.cs\t0\tThread.Sleep(1);\nASYNC101 C.cs 0 Thread.Sleep(1);\nCA2016\tC.cs\t0\tx\nASYNC101\tC.cs\tfirst\tx\n"));
            test.ExpectedDiagnostics.Add(Invalid("/AsyncAnalyzers.baseline.txt line 3", "(entry)", "expected 'rule<TAB>file<TAB>occurrence<TAB>line text'"));
            test.ExpectedDiagnostics.Add(Invalid("/AsyncAnalyzers.baseline.txt line 4", "(entry)", "'CA2016' is not an ASYNC rule ID"));
            test.ExpectedDiagnostics.Add(Invalid("/AsyncAnalyzers.baseline.txt line 5", "(entry)", "occurrence 'first' is not a non-negative integer"));
            await test.RunAsync();
        }

        // Must not flag: every form users naturally write.
        [Fact]
        public Task Well_formed_values_of_every_option_kind()
            => VerifyEditorConfigAsync("""
                async_analyzers.report_contract_bound = TRUE
                async_analyzers.ASYNC203.cascade_public_api = false
                async_analyzers.cascade_depth = 0
                async_analyzers.ASYNC104.cascade_depth = 12
                async_analyzers.rename_to_async_suffix = true
                async_analyzers.ASYNC103.exclude_methods = M:My.Store.Save, T:My.InMemoryStore N:My.Fakes,M:My.Store.Load(System.Int32)
                async_analyzers.fire_and_forget_methods = Forget, FireAndForget _Detach
                async_analyzers.ASYNC201.preferred_fix = Cascade
                """);

        [Fact]
        public Task Twin_pairs_with_spaces_around_the_arrow()
            => VerifyEditorConfigAsync("async_analyzers.extra_async_twins = M:A.B.Save => M:A.B.SaveAsync, M:A.B.Load =>M:A.B.LoadAsync M:A.B.Get=> M:A.B.GetAsync");

        [Fact]
        public Task Empty_values_are_not_errors()
            => VerifyEditorConfigAsync("async_analyzers.exclude_methods =\nasync_analyzers.extra_async_twins = ");

        [Fact]
        public Task Keys_of_other_tools_are_ignored()
            => VerifyEditorConfigAsync("""
                dotnet_diagnostic.ASYNC101.severity = error
                dotnet_analyzer_diagnostic.category-Blocking.severity = warning
                async_analyzers_extra = 1
                vs_threading.main_thread_assertion_methods = yes
                """);

        [Fact]
        public async Task Well_formed_twins_file_and_baseline()
        {
            var test = new AnalyzerTest<ConfigurationAnalyzer> { TestCode = Code };
            test.TestState.AdditionalFiles.Add(("/AsyncAnalyzers.Twins.txt", "M:A.B.Save=>M:A.B.SaveAsync # inline comment\n\nN:My.Fakes\n"));
            test.TestState.AdditionalFiles.Add(("/AsyncAnalyzers.baseline.txt", "# header\n\nASYNC101\tsrc/C.cs\t3\tThread.Sleep(1); // a\ttab inside\n"));
            await test.RunAsync();
        }

        [Fact]
        public Task No_configuration_at_all()
            => Verify.VerifyAnalyzerAsync(Code);

        [Fact]
        public Task Validate_accepts_mixed_case_keys()
            => Task.Run(() => Assert.Null(ConfigurationAnalyzer.Validate("Async_Analyzers.Async103.Exclude_Methods", "T:A.B")));
    }
}
