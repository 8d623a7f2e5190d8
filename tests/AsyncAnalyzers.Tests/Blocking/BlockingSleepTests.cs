using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Robustness;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.BlockingSleepAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingSleepCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>ASYNC101: Thread.Sleep in async code.</summary>
    public sealed class BlockingSleepTests
    {
        // ---------------------------------------------------------------- reported and fixed

        [Fact]
        public Task Sleep_in_async_method_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(100)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(100);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_async_lambda_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        Func<Task> work = async () =>
                        {
                            [|Thread.Sleep(10)|];
                            await Task.Yield();
                        };
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        Func<Task> work = async () =>
                        {
                            await Task.Delay(10);
                            await Task.Yield();
                        };
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_expression_bodied_async_lambda_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> Work = async () => [|Thread.Sleep(10)|];
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> Work = async () => await Task.Delay(10);
                }
                """);

        [Fact]
        public Task Sleep_in_async_anonymous_method_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<int, Task> Work = async delegate (int delay)
                    {
                        [|Thread.Sleep(delay)|];
                        await Task.Yield();
                    };
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<int, Task> Work = async delegate (int delay)
                    {
                        await Task.Delay(delay);
                        await Task.Yield();
                    };
                }
                """);

        [Fact]
        public Task Sleep_in_async_local_function_inside_sync_method_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Task M()
                    {
                        return Local();

                        async Task Local()
                        {
                            [|Thread.Sleep(5)|];
                            await Task.Yield();
                        }
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Task M()
                    {
                        return Local();

                        async Task Local()
                        {
                            await Task.Delay(5);
                            await Task.Yield();
                        }
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_top_level_statements_that_await_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Yield();
                [|Thread.Sleep(250)|];
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Yield();
                await Task.Delay(250);
                """);

        [Fact]
        public Task Sleep_in_async_iterator_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading;

                class C
                {
                    async IAsyncEnumerable<int> Numbers()
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            [|Thread.Sleep(10)|];
                            yield return i;
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async IAsyncEnumerable<int> Numbers()
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            await Task.Delay(10);
                            yield return i;
                        }
                    }
                }
                """);

        [Fact]
        public Task TimeSpan_overload_is_fixed_to_the_TimeSpan_delay()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(TimeSpan.FromSeconds(1))|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1));
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Named_argument_is_dropped_because_Delay_names_it_differently()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(millisecondsTimeout: 10)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Token_parameter_of_the_method_is_forwarded()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task PollAsync(int attempts, CancellationToken cancellationToken)
                    {
                        for (var i = 0; i < attempts; i++)
                        {
                            [|Thread.Sleep(1000)|];
                            await Task.Yield();
                        }
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task PollAsync(int attempts, CancellationToken cancellationToken)
                    {
                        for (var i = 0; i < attempts; i++)
                        {
                            await Task.Delay(1000, cancellationToken);
                            await Task.Yield();
                        }
                    }
                }
                """);

        [Fact]
        public Task Token_of_the_lambda_is_preferred_over_the_method_token()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M(CancellationToken outer)
                    {
                        Func<CancellationToken, Task> work = async inner =>
                        {
                            [|Thread.Sleep(10)|];
                            await Task.Yield();
                        };
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    void M(CancellationToken outer)
                    {
                        Func<CancellationToken, Task> work = async inner =>
                        {
                            await Task.Delay(10, inner);
                            await Task.Yield();
                        };
                    }
                }
                """);

        [Fact]
        public Task Token_of_the_enclosing_method_is_forwarded_into_a_lambda_without_one()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> M(CancellationToken token)
                        => async () =>
                        {
                            [|Thread.Sleep(10)|];
                            await Task.Yield();
                        };
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> M(CancellationToken token)
                        => async () =>
                        {
                            await Task.Delay(10, token);
                            await Task.Yield();
                        };
                }
                """);

        [Fact]
        public Task Two_token_parameters_are_never_guessed_between()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationToken first, CancellationToken second)
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationToken first, CancellationToken second)
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Local_token_source_is_forwarded_as_its_Token()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        using var cts = new CancellationTokenSource();
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        using var cts = new CancellationTokenSource();
                        await Task.Delay(10, cts.Token);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task A_local_token_declared_after_the_sleep_is_not_used()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|Thread.Sleep(10)|];
                        var token = CancellationToken.None;
                        await Task.Delay(1, token);
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(10);
                        var token = CancellationToken.None;
                        await Task.Delay(1, token);
                    }
                }
                """);

        [Fact]
        public Task Missing_using_is_added_and_fully_qualified_call_is_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        [|System.Threading.Thread.Sleep(5)|];
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        await Task.Delay(5);
                    }
                }
                """);

        [Fact]
        public Task Using_static_Sleep_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using static System.Threading.Thread;

                class C
                {
                    async Task M()
                    {
                        [|Sleep(5)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using static System.Threading.Thread;

                class C
                {
                    async Task M()
                    {
                        await Task.Delay(5);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Comments_and_trivia_are_kept()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        // wait for the device to settle
                        [|Thread.Sleep(/* ms */ 100)|]; // tuned on hardware
                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        // wait for the device to settle
                        await Task.Delay(/* ms */ 100); // tuned on hardware
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_catch_and_finally_of_async_method_is_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        try
                        {
                            await Task.Yield();
                        }
                        catch (InvalidOperationException)
                        {
                            [|Thread.Sleep(1)|];
                        }
                        finally
                        {
                            [|Thread.Sleep(2)|];
                        }
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        try
                        {
                            await Task.Yield();
                        }
                        catch (InvalidOperationException)
                        {
                            await Task.Delay(1);
                        }
                        finally
                        {
                            await Task.Delay(2);
                        }
                    }
                }
                """);

        [Fact]
        public Task Async_void_event_handler_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async void OnClick(object sender, EventArgs e)
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
                """,
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async void OnClick(object sender, EventArgs e)
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public async Task Fix_all_rewrites_every_sleep_across_documents()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>();
            test.TestState.Sources.Add(
                """
                using System.Threading;

                class A
                {
                    async System.Threading.Tasks.Task M()
                    {
                        [|Thread.Sleep(1)|];
                        [|Thread.Sleep(2)|];
                    }
                }
                """);
            test.TestState.Sources.Add(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class B
                {
                    async Task M(CancellationToken ct)
                    {
                        [|Thread.Sleep(3)|];
                    }
                }
                """);
            test.FixedState.Sources.Add(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class A
                {
                    async System.Threading.Tasks.Task M()
                    {
                        await Task.Delay(1);
                        await Task.Delay(2);
                    }
                }
                """);
            test.FixedState.Sources.Add(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class B
                {
                    async Task M(CancellationToken ct)
                    {
                        await Task.Delay(3, ct);
                    }
                }
                """);
            await test.RunAsync();
        }

        [Fact]
        public Task Task_is_written_fully_qualified_when_another_Task_type_is_in_scope()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;

                namespace Scheduling
                {
                    class Task { }

                    class C
                    {
                        async System.Threading.Tasks.Task M()
                        {
                            [|Thread.Sleep(5)|];
                        }
                    }
                }
                """,
                """
                using System.Threading;

                namespace Scheduling
                {
                    class Task { }

                    class C
                    {
                        async System.Threading.Tasks.Task M()
                        {
                            await System.Threading.Tasks.Task.Delay(5);
                        }
                    }
                }
                """);

        [Fact]
        public async Task No_using_is_added_when_a_global_using_brings_Task_into_scope()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>();
            test.TestState.Sources.Add(
                """
                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        [|System.Threading.Thread.Sleep(5)|];
                    }
                }
                """);
            test.TestState.Sources.Add("global using System.Threading.Tasks;\n");
            test.FixedState.Sources.Add(
                """
                class C
                {
                    async System.Threading.Tasks.Task M()
                    {
                        await Task.Delay(5);
                    }
                }
                """);
            test.FixedState.Sources.Add("global using System.Threading.Tasks;\n");
            await test.RunAsync();
        }

        [Fact]
        public Task Sleep_inside_lock_is_reported_without_a_fix_because_await_is_illegal_there()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    private readonly object _gate = new object();

                    async Task M()
                    {
                        lock (_gate)
                        {
                            [|Thread.Sleep(10)|];
                        }

                        await Task.Yield();
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    private readonly object _gate = new object();

                    async Task M()
                    {
                        lock (_gate)
                        {
                            [|Thread.Sleep(10)|];
                        }

                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_inside_unsafe_block_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        unsafe
                        {
                            [|Thread.Sleep(10)|];
                        }
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        unsafe
                        {
                            [|Thread.Sleep(10)|];
                        }
                    }
                }
                """);

        [Fact]
        public Task New_awaits_keep_the_types_ConfigureAwait_false_convention()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Library
                {
                    async Task M(CancellationToken token)
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Delay(5).ConfigureAwait(false);
                    }

                    async Task N() => await Task.Delay(1).ConfigureAwait(false);
                }

                class Mixed
                {
                    async Task M()
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(2);
                    }
                }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Library
                {
                    async Task M(CancellationToken token)
                    {
                        await Task.Delay(10, token).ConfigureAwait(false);
                        await Task.Delay(5).ConfigureAwait(false);
                    }

                    async Task N() => await Task.Delay(1).ConfigureAwait(false);
                }

                class Mixed
                {
                    async Task M()
                    {
                        await Task.Delay(10);
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(2);
                    }
                }
                """);

        [Fact]
        public async Task Token_local_of_top_level_statements_is_not_written_into_methods_elsewhere()
        {
            // Lookup offers 'cts' inside Worker.RunAsync (both files), but using it there is CS8801.
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>();
            test.TestState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                var cts = new CancellationTokenSource();
                await new Worker().RunAsync();
                await Helper.WaitAsync();

                class Helper
                {
                    public static async Task WaitAsync()
                    {
                        [|Thread.Sleep(5)|];
                        await Task.Yield();
                    }
                }
                """);
            test.TestState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                class Worker
                {
                    public async Task RunAsync()
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
                """);
            test.FixedState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                var cts = new CancellationTokenSource();
                await new Worker().RunAsync();
                await Helper.WaitAsync();

                class Helper
                {
                    public static async Task WaitAsync()
                    {
                        await Task.Delay(5);
                        await Task.Yield();
                    }
                }
                """);
            test.FixedState.Sources.Add("""
                using System.Threading;
                using System.Threading.Tasks;

                class Worker
                {
                    public async Task RunAsync()
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
                """);
            await test.RunAsync();
        }

        [Theory]
        [InlineData(ReferenceSet.Net100)]
        [InlineData(ReferenceSet.Net80)]
        public async Task Severity_is_configurable_in_editorconfig(ReferenceSet references)
        {
            // The official harness pins each rule's severity in the compilation options, and there an .editorconfig
            // 'error' does not win; so this runs on a project as a build sees it: sources plus the .editorconfig.
            var project = Harness.CreateProject(
                new[]
                {
                    ("/0/Test0.cs", """
                        using System.Threading;
                        using System.Threading.Tasks;

                        class C
                        {
                            async Task M()
                            {
                                Thread.Sleep(1);
                                await Task.Yield();
                            }
                        }
                        """),
                },
                references,
                analyzerConfigs: new[] { ("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.ASYNC101.severity = error\n") });
            var (diagnostics, exceptions) = await Harness.AnalyzeAsync(project);
            Assert.Empty(exceptions);
            var sleep = Assert.Single(diagnostics, d => d.Id == DiagnosticIds.BlockingSleep);
            Assert.Equal(DiagnosticSeverity.Error, sleep.Severity);
            Assert.Equal(7, sleep.Location.GetLineSpan().StartLinePosition.Line);
        }

        [Fact]
        public async Task Rule_can_be_turned_off_in_editorconfig()
        {
            var test = new AnalyzerTest<BlockingSleepAnalyzer>
            {
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M()
                        {
                            Thread.Sleep(1);
                            await Task.Yield();
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.ASYNC101.severity = none\n"));
            await test.RunAsync();
        }

        [Theory]
        [InlineData(ReferenceSet.NetStandard20)]
        [InlineData(ReferenceSet.Net472)]
        public async Task Older_frameworks_are_analyzed_and_fixed(ReferenceSet references)
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>
            {
                ReferenceAssemblies = references,
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(CancellationToken ct)
                        {
                            [|Thread.Sleep(1)|];
                            await Task.Yield();
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M(CancellationToken ct)
                        {
                            await Task.Delay(1, ct);
                            await Task.Yield();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task Language_version_7_3_async_code_is_analyzed_and_fixed()
        {
            var test = new CodeFixTest<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>
            {
                LanguageVersion = LanguageVersion.CSharp7_3,
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M()
                        {
                            [|Thread.Sleep(1)|];
                            await Task.Yield();
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task M()
                        {
                            await Task.Delay(1);
                            await Task.Yield();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }

        // ---------------------------------------------------------------- must not flag

        [Fact]
        public Task Sleep_in_sync_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;

                class C
                {
                    void M() => Thread.Sleep(100);
                }
                """);

        [Fact]
        public Task Sleep_in_task_returning_method_without_async_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Task M()
                    {
                        Thread.Sleep(100);
                        return Task.CompletedTask;
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_sync_lambda_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        Action pause = () => Thread.Sleep(10);
                        await Task.Run(() => Thread.Sleep(10));
                        pause();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_sync_local_function_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        Pause();

                        void Pause() => Thread.Sleep(10);
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_sync_lambda_nested_in_async_lambda_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    Func<Task> Work = async () =>
                    {
                        await Task.Yield();
                        Action inner = delegate { Thread.Sleep(1); };
                        inner();
                    };
                }
                """);

        [Fact]
        public Task Top_level_statements_without_await_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;

                Thread.Sleep(250);
                System.Console.WriteLine("done");
                """);

        [Fact]
        public Task Sync_iterator_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading;

                class C
                {
                    IEnumerable<int> Numbers()
                    {
                        Thread.Sleep(1);
                        yield return 1;
                    }
                }
                """);

        [Fact]
        public Task Other_thread_members_and_other_Sleep_methods_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                static class Device
                {
                    public static void Sleep(int ms) { }
                }

                class C
                {
                    async Task M()
                    {
                        Thread.SpinWait(10);
                        Thread.Yield();
                        Device.Sleep(10);
                        var name = nameof(Thread.Sleep);
                        await Task.Delay(10);
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_expression_tree_inside_async_method_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Linq.Expressions;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        Expression<Action> pause = () => Thread.Sleep(1);
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Sleep_in_constructor_and_property_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading;

                class C
                {
                    C() { Thread.Sleep(1); }

                    int P
                    {
                        get { Thread.Sleep(1); return 1; }
                    }
                }
                """);

        [Fact]
        public async Task Generated_code_is_not_reported()
        {
            var test = new AnalyzerTest<BlockingSleepAnalyzer>();
            test.TestState.Sources.Add(
                """
                // <auto-generated/>
                using System.Threading;
                using System.Threading.Tasks;

                class Generated
                {
                    async Task M()
                    {
                        Thread.Sleep(1);
                        await Task.Yield();
                    }
                }
                """);
            test.TestState.Sources.Add((
                "/0/Client.g.cs",
                """
                using System.Threading;
                using System.Threading.Tasks;

                class GeneratedByName
                {
                    async Task M()
                    {
                        Thread.Sleep(1);
                        await Task.Yield();
                    }
                }
                """));
            await test.RunAsync();
        }
    }
}
