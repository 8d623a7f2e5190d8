using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Design;
using AsyncAnalyzers.Design;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Design
{
    /// <summary>ASYNC603: a ValueTask consumed twice, or only after another await; ASYNC102/104 leave those sites to it.</summary>
    [Trait("Rule", "ASYNC603")]
    public sealed class ConsumeValueTaskOnceTests
    {
        internal static string Wrap(string members) => $$"""
            using System;
            using System.Threading.Tasks;

            class Reader
            {
                ValueTask<int> ReadAsync() => new ValueTask<int>(1);

                ValueTask FlushAsync() => default;

                Task SaveAsync() => Task.CompletedTask;

                static void Use(ValueTask<int> value) { }

            {{members}}
            }
            """;

        /// <summary>ASYNC603 with its fix, beside ASYNC102 and ASYNC104 (which must stay silent on its sites).</summary>
        internal static CodeFixTest<ConsumeValueTaskOnceAnalyzer, ConsumeValueTaskOnceCodeFixProvider> Test(string source, string? fixedSource = null)
        {
            var test = new CodeFixTest<ConsumeValueTaskOnceAnalyzer, ConsumeValueTaskOnceCodeFixProvider>
            {
                TestCode = source,
                FixedCode = fixedSource ?? source,
                AdditionalAnalyzers = { new BlockOnTaskAnalyzer(), new SyncOverAsyncAnalyzer() },
            };
            return test;
        }

        [Fact]
        public Task Awaited_twice_is_reported_on_the_second_await_and_stored_as_a_task()
            => Test(
                Wrap("""
                        async Task<int> TwiceAsync()
                        {
                            var pending = ReadAsync();
                            var first = await pending;
                            return first + [|await pending|]; // the source may already serve another read
                        }
                    """),
                Wrap("""
                        async Task<int> TwiceAsync()
                        {
                            var pending = ReadAsync().AsTask();
                            var first = await pending;
                            return first + await pending; // the source may already serve another read
                        }
                    """)).RunAsync();

        [Fact]
        public Task An_explicit_ValueTask_type_becomes_Task()
            => Test(
                Wrap("""
                        async Task<int> TwiceAsync(bool flag)
                        {
                            ValueTask<int> pending = flag ? ReadAsync() : new ValueTask<int>(0);
                            await pending.ConfigureAwait(false);
                            return [|await pending.ConfigureAwait(false)|];
                        }
                    """),
                Wrap("""
                        async Task<int> TwiceAsync(bool flag)
                        {
                            Task<int> pending = (flag ? ReadAsync() : new ValueTask<int>(0)).AsTask();
                            await pending.ConfigureAwait(false);
                            return await pending.ConfigureAwait(false);
                        }
                    """)).RunAsync();

        [Fact]
        public Task Result_after_an_await_is_ASYNC603_not_ASYNC102()
            => Test(
                Wrap("""
                        async Task<int> PeekAsync()
                        {
                            var pending = ReadAsync();
                            await pending;
                            return [|pending.Result|];
                        }
                    """),
                Wrap("""
                        async Task<int> PeekAsync()
                        {
                            var pending = ReadAsync().AsTask();
                            await pending;
                            return pending.Result;
                        }
                    """)).RunAsync();

        [Fact]
        public Task Blocking_twice_in_sync_code_leaves_the_first_to_ASYNC104()
            => Test(
                Wrap("""
                        int Both()
                        {
                            var pending = ReadAsync();
                            var a = {|ASYNC104:pending.GetAwaiter().GetResult()|};
                            return a + [|pending.GetAwaiter().GetResult()|];
                        }
                    """),
                Wrap("""
                        int Both()
                        {
                            var pending = ReadAsync().AsTask();
                            var a = {|ASYNC104:pending.GetAwaiter().GetResult()|};
                            return a + {|ASYNC104:pending.GetAwaiter().GetResult()|};
                        }
                    """)).RunAsync();

        [Fact]
        public Task A_site_three_calls_above_the_variable_reports_from_its_own_call()
            => Test(
                Wrap("""
                        int Both()
                        {
                            var pending = ReadAsync();
                            var a = {|ASYNC104:pending.ConfigureAwait(false).GetAwaiter().GetResult()|};
                            return a + [|pending.ConfigureAwait(false).GetAwaiter().GetResult()|];
                        }
                    """),
                Wrap("""
                        int Both()
                        {
                            var pending = ReadAsync().AsTask();
                            var a = {|ASYNC104:pending.ConfigureAwait(false).GetAwaiter().GetResult()|};
                            return a + {|ASYNC104:pending.ConfigureAwait(false).GetAwaiter().GetResult()|};
                        }
                    """)).RunAsync();

        [Fact]
        public Task AsTask_twice_unwraps_the_calls()
            => Test(
                Wrap("""
                        async Task BothAsync()
                        {
                            var flush = FlushAsync();
                            var first = flush.AsTask();
                            var second = [|flush.AsTask()|];
                            await Task.WhenAll(first, second);
                        }
                    """),
                Wrap("""
                        async Task BothAsync()
                        {
                            var flush = FlushAsync().AsTask();
                            var first = flush;
                            var second = flush;
                            await Task.WhenAll(first, second);
                        }
                    """)).RunAsync();

        [Fact]
        public Task A_loop_awaiting_a_value_assigned_before_it()
            => Test(
                Wrap("""
                        async Task PollAsync(int times)
                        {
                            var pending = FlushAsync();
                            for (var i = 0; i < times; i++)
                            {
                                [|await pending|]; // every iteration after the first awaits it again
                            }
                        }
                    """),
                Wrap("""
                        async Task PollAsync(int times)
                        {
                            var pending = FlushAsync().AsTask();
                            for (var i = 0; i < times; i++)
                            {
                                await pending; // every iteration after the first awaits it again
                            }
                        }
                    """)).RunAsync();

        [Fact]
        public Task Stored_across_another_await()
            => Test(
                Wrap("""
                        async Task<int> OverlapAsync()
                        {
                            var read = ReadAsync();
                            await SaveAsync(); // if this throws, 'read' is never consumed
                            return [|await read|];
                        }
                    """),
                Wrap("""
                        async Task<int> OverlapAsync()
                        {
                            var read = ReadAsync().AsTask();
                            await SaveAsync(); // if this throws, 'read' is never consumed
                            return await read;
                        }
                    """)).RunAsync();

        [Fact]
        public Task A_parameter_awaited_twice_has_no_fix()
            => Test(Wrap("""
                    static async Task<int> TwiceAsync(ValueTask<int> value)
                    {
                        var a = await value;
                        return a + [|await value|];
                    }
                """)).RunAsync();

        [Fact]
        public Task Lambdas_local_functions_and_top_level_statements()
        {
            var test = Test(
                """
                using System;
                using System.Threading.Tasks;

                static ValueTask<int> ReadAsync() => new ValueTask<int>(1);

                var pending = ReadAsync();
                Console.WriteLine(await pending + [|await pending|]);

                Func<Task<int>> lambda = async () =>
                {
                    var inner = ReadAsync();
                    await inner;
                    return [|await inner|];
                };

                await lambda();
                await LocalAsync();

                async Task LocalAsync()
                {
                    var local = ReadAsync();
                    await local;
                    await [|local.AsTask()|];
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                static ValueTask<int> ReadAsync() => new ValueTask<int>(1);

                var pending = ReadAsync().AsTask();
                Console.WriteLine(await pending + await pending);

                Func<Task<int>> lambda = async () =>
                {
                    var inner = ReadAsync().AsTask();
                    await inner;
                    return await inner;
                };

                await lambda();
                await LocalAsync();

                async Task LocalAsync()
                {
                    var local = ReadAsync().AsTask();
                    await local;
                    await local;
                }
                """);
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Default_values_and_other_uses_have_no_fix()
            => Test(Wrap("""
                    async Task DefaultAsync()
                    {
                        ValueTask done = default;
                        await done;
                        [|await done|];
                    }
                """)).RunAsync();

        // ---- must not flag ----

        [Fact]
        public Task Awaited_once()
            => Test(Wrap("""
                    async Task<int> OnceAsync()
                    {
                        var pending = ReadAsync();
                        DoWork();
                        return await pending;
                    }

                    static void DoWork() { }
                """)).RunAsync();

        [Fact]
        public Task Exclusive_branches_consume_once_each()
            => Test(Wrap("""
                    async Task<int> FastPathAsync(int mode)
                    {
                        var pending = ReadAsync();
                        if (pending.IsCompletedSuccessfully)
                        {
                            return pending.Result;
                        }
                        else if (mode > 0)
                        {
                            return await pending;
                        }

                        switch (mode)
                        {
                            case -1:
                                return await pending.AsTask();
                            default:
                                return pending.IsCompleted ? pending.Result : await pending;
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task An_early_return_or_throw_ends_the_path()
            => Test(Wrap("""
                    async Task<int> EarlyAsync(bool quick, bool fail)
                    {
                        var pending = ReadAsync();
                        if (quick)
                        {
                            var value = await pending;
                            return value;
                        }

                        if (fail)
                        {
                            await pending;
                            throw new InvalidOperationException();
                        }

                        return await pending;
                    }
                """)).RunAsync();

        [Fact]
        public Task A_new_value_between_consumptions()
            => Test(Wrap("""
                    async Task<int> SumAsync(int times)
                    {
                        var total = 0;
                        var pending = ReadAsync();
                        total += await pending;
                        pending = ReadAsync();
                        total += await pending;
                        for (var i = 0; i < times; i++)
                        {
                            var each = ReadAsync(); // a fresh value per iteration
                            total += await each;
                        }

                        while (total < 100)
                        {
                            pending = ReadAsync();
                            total += await pending;
                        }

                        return total;
                    }
                """)).RunAsync();

        [Fact]
        public Task Tasks_may_be_awaited_any_number_of_times()
            => Test(Wrap("""
                    async Task<int> TaskAsync()
                    {
                        var task = ReadAsync().AsTask();
                        await task;
                        await SaveAsync();
                        return await task + task.Result;
                    }
                """)).RunAsync();

        [Fact]
        public Task A_value_that_escapes_is_not_judged()
            => Test(Wrap("""
                    async Task<int> EscapesAsync()
                    {
                        var passed = ReadAsync();
                        Use(passed);
                        await passed;

                        var captured = ReadAsync();
                        Func<Task<int>> later = async () => await captured;
                        await captured;

                        var copied = ReadAsync();
                        var copy = copied;
                        await copied;
                        return await copy;
                    }

                    ValueTask<int> Returned()
                    {
                        var pending = ReadAsync();
                        return pending.IsCompletedSuccessfully ? pending : new ValueTask<int>(pending.AsTask());
                    }
                """)).RunAsync();

        [Fact]
        public Task Awaiting_the_call_directly_each_time()
            => Test(Wrap("""
                    async Task<int> DirectAsync()
                    {
                        var a = await ReadAsync();
                        await SaveAsync();
                        var b = await ReadAsync();
                        await FlushAsync();
                        await FlushAsync();
                        return a + b;
                    }
                """)).RunAsync();

        [Fact]
        public Task A_single_blocking_read_stays_ASYNC102s_and_ASYNC104s()
            => Test(Wrap("""
                    async Task<int> BlockAsync()
                    {
                        var pending = ReadAsync();
                        return {|ASYNC102:pending.Result|};
                    }

                    int Block()
                    {
                        var pending = ReadAsync();
                        return {|ASYNC104:pending.GetAwaiter().GetResult()|};
                    }
                """)).RunAsync();

        [Fact]
        public Task Consumed_in_a_catch_after_a_try_that_did_not_consume()
            => Test(Wrap("""
                    async Task<int> RetryAsync()
                    {
                        var pending = ReadAsync();
                        try
                        {
                            return await pending;
                        }
                        catch (InvalidOperationException)
                        {
                            return -1;
                        }
                    }
                """)).RunAsync();

        [Fact]
        public Task Generated_code_is_skipped()
            => Test("// <auto-generated/>\n" + Wrap("""
                    async Task<int> TwiceAsync()
                    {
                        var pending = ReadAsync();
                        return await pending + await pending;
                    }
                """)).RunAsync();

        [Theory]
        [InlineData(ReferenceSet.Net472)]
        [InlineData(ReferenceSet.NetStandard20)]
        public Task Frameworks_without_ValueTask_bail_out(ReferenceSet references)
        {
            var test = Test("""
                using System.Threading.Tasks;

                class Plain
                {
                    async Task<int> TwiceAsync(Task<int> task) => await task + await task;
                }
                """);
            test.ReferenceAssemblies = references;
            return test.RunAsync();
        }
    }
}
