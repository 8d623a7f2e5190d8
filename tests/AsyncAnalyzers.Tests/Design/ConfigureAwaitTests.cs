using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC601 (ships disabled; the harness switches every rule on): ConfigureAwait(false) where configure_await asks for it.</summary>
    [Trait("Rule", "ASYNC601")]
    public sealed partial class ConfigureAwaitTests
    {
        private static string Wrap(string members) => $$"""
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public class Store
            {
                public Task SaveAsync() => Task.CompletedTask;

                public Task<int> CountAsync() => Task.FromResult(1);

                public ValueTask<int> PeekAsync() => new ValueTask<int>(1);

                public async IAsyncEnumerable<int> Numbers()
                {
                    await Task.Yield();
                    yield return 1;
                }

            {{members}}
            }
            """;

        private static CodeFixTest<ConfigureAwaitAnalyzer, ConfigureAwaitCodeFixProvider> Test(string source, string? fixedSource = null, string? globalConfig = null)
        {
            var test = new CodeFixTest<ConfigureAwaitAnalyzer, ConfigureAwaitCodeFixProvider> { TestCode = source };
            if (fixedSource is not null)
            {
                test.FixedCode = fixedSource;
            }

            if (globalConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
            }

            return test;
        }

        [Fact]
        public Task Awaits_in_a_library_get_ConfigureAwait_false()
            => Test(
                Wrap("""
                        public async Task<int> RunAsync()
                        {
                            [|await|] SaveAsync(); // save first
                            var count = [|await|] CountAsync();
                            return count + [|await|] PeekAsync();
                        }
                    """),
                Wrap("""
                        public async Task<int> RunAsync()
                        {
                            await SaveAsync().ConfigureAwait(false); // save first
                            var count = await CountAsync().ConfigureAwait(false);
                            return count + await PeekAsync().ConfigureAwait(false);
                        }
                    """)).RunAsync();

        [Fact]
        public Task Operands_that_are_not_primary_expressions_are_parenthesised()
            => Test(
                Wrap("""
                        public async Task RunAsync(bool flag, Task? pending, Func<Task> next)
                        {
                            [|await|] (flag ? SaveAsync() : Task.CompletedTask);
                            [|await|] pending!;
                            [|await|] next();
                            Task task = SaveAsync();
                            [|await|] task;
                        }
                    """),
                Wrap("""
                        public async Task RunAsync(bool flag, Task? pending, Func<Task> next)
                        {
                            await (flag ? SaveAsync() : Task.CompletedTask).ConfigureAwait(false);
                            await pending!.ConfigureAwait(false);
                            await next().ConfigureAwait(false);
                            Task task = SaveAsync();
                            await task.ConfigureAwait(false);
                        }
                    """)).RunAsync();

        [Fact]
        public Task Await_foreach_configures_the_sequence_after_WithCancellation()
            => Test(
                Wrap("""
                        public async Task<int> SumAsync(CancellationToken cancellationToken)
                        {
                            var sum = 0;
                            [|await|] foreach (var n in Numbers())
                            {
                                sum += n;
                            }

                            [|await|] foreach (var n in Numbers().WithCancellation(cancellationToken))
                            {
                                sum += n;
                            }

                            return sum;
                        }
                    """),
                Wrap("""
                        public async Task<int> SumAsync(CancellationToken cancellationToken)
                        {
                            var sum = 0;
                            await foreach (var n in Numbers().ConfigureAwait(false))
                            {
                                sum += n;
                            }

                            await foreach (var n in Numbers().WithCancellation(cancellationToken).ConfigureAwait(false))
                            {
                                sum += n;
                            }

                            return sum;
                        }
                    """)).RunAsync();

        [Fact]
        public Task Await_using_an_expression_configures_it_in_place()
            => Test(
                Wrap("""
                        public async Task CloseAsync(IAsyncDisposable resource)
                        {
                            [|await|] using (resource)
                            {
                                await Task.Delay(1).ConfigureAwait(false);
                            }
                        }
                    """),
                Wrap("""
                        public async Task CloseAsync(IAsyncDisposable resource)
                        {
                            await using (resource.ConfigureAwait(false))
                            {
                                await Task.Delay(1).ConfigureAwait(false);
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task Await_using_declarations_are_split_so_the_local_keeps_its_type()
            => Test(
                Wrap("""
                        public async Task CopyAsync(Stream source, string path)
                        {
                            // the target file
                            [|await|] using var target = new FileStream(path, FileMode.Create);
                            await source.CopyToAsync(target).ConfigureAwait(false);
                        }

                        public async Task WriteAsync(string path)
                        {
                            [|await|] using (var stream = new FileStream(path, FileMode.Create))
                            {
                                await stream.WriteAsync(new byte[1], 0, 1).ConfigureAwait(false);
                            }
                        }
                    """),
                Wrap("""
                        public async Task CopyAsync(Stream source, string path)
                        {
                            // the target file
                            var target = new FileStream(path, FileMode.Create);
                            await using var configuredTarget = target.ConfigureAwait(false);
                            await source.CopyToAsync(target).ConfigureAwait(false);
                        }

                        public async Task WriteAsync(string path)
                        {
                            var stream = new FileStream(path, FileMode.Create);
                            await using (stream.ConfigureAwait(false))
                            {
                                await stream.WriteAsync(new byte[1], 0, 1).ConfigureAwait(false);
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task A_resource_that_may_be_null_is_reported_without_a_fix()
        {
            // await using skips a null resource; its ConfigureAwait wrapper would not.
            var code = Wrap("""
                    public async Task CloseAsync(Func<IAsyncDisposable?> open)
                    {
                        [|await|] using var resource = open();
                        await Task.Delay(1).ConfigureAwait(false);
                    }
                """);
            return Test(code, code).RunAsync();
        }

        [Fact]
        public Task Lambdas_and_local_functions()
            => Test(
                Wrap("""
                        public Func<Task> Later() => async () => [|await|] SaveAsync();

                        public Task RunAsync()
                        {
                            return Local();

                            async Task Local() => [|await|] SaveAsync();
                        }
                    """),
                Wrap("""
                        public Func<Task> Later() => async () => await SaveAsync().ConfigureAwait(false);

                        public Task RunAsync()
                        {
                            return Local();

                            async Task Local() => await SaveAsync().ConfigureAwait(false);
                        }
                    """)).RunAsync();

        [Fact]
        public Task Always_reports_in_an_application_too()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                [|await|] Task.Delay(1);
                """,
                """
                using System.Threading.Tasks;

                await Task.Delay(1).ConfigureAwait(false);
                """,
                "async_analyzers.configure_await = always");
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Net472_awaits_are_reported_and_fixed()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                public class Store
                {
                    public async Task SaveAsync() => [|await|] Task.Delay(1);
                }
                """,
                """
                using System.Threading.Tasks;

                public class Store
                {
                    public async Task SaveAsync() => await Task.Delay(1).ConfigureAwait(false);
                }
                """);
            test.ReferenceAssemblies = ReferenceSet.Net472;
            return test.RunAsync();
        }
        [Fact]
        public Task Awaits_other_fixes_add_are_configured_where_the_rule_requires_it()
        {
            // ASYNC101's fix in a library with ASYNC601 switched on: the inserted await comes configured, though no other
            // await of the type shows the convention.
            var test = new CodeFixTest<AsyncAnalyzers.Blocking.BlockingSleepAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.BlockingSleepCodeFixProvider>
            {
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    public class Poller
                    {
                        public async Task PollAsync()
                        {
                            [|Thread.Sleep(10)|];
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    public class Poller
                    {
                        public async Task PollAsync()
                        {
                            await Task.Delay(10).ConfigureAwait(false);
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.ASYNC601.severity = warning\n"));
            return test.RunAsync();
        }
    }
}
