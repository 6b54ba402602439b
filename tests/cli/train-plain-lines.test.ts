import { describe, expect, it } from 'vitest';
import { epochLine } from '../../src/cli/actions/train-plain.js';
import { msg } from '../../src/i18n/index.js';
import { startTrainer } from '../../src/training/start.js';
import { tr } from '../../src/i18n/index.js';

const row = { epoch: 2, step: 100, loss: 0.1768, accuracy: Number.NaN, test_loss: 0.162, test_accuracy: Number.NaN, lr: 0.01, examples_per_second: 807 };

describe('plain epoch lines', () => {
  it('a regression names its loss and shows no empty accuracy', () => {
    const mse = msg('mean squared error', '均方误差');
    expect(epochLine(row, 20, 'sequences', 'en', mse)).toBe('epoch 2/20  step 100  loss (mean squared error) 0.1768  test loss 0.1620  lr 0.01  807 sequences/s');
    expect(epochLine(row, 20, '序列', 'zh', mse)).toBe('第 2/20 轮  第 100 步  损失（均方误差） 0.1768  测试损失 0.1620  学习率 0.01  807 序列/秒');
  });

  it('a classification keeps both accuracies', () => {
    const line = epochLine({ ...row, accuracy: 0.5, test_accuracy: 0.25 }, 20, 'points', 'en');
    expect(line).toContain('loss 0.1768  accuracy 50.0%  test loss 0.1620  test accuracy 25.0%');
  });

  it('the adding run says what its loss is, and sequence models are named in Chinese', async () => {
    const adding = await startTrainer('adding-lstm', { epochs: 1 });
    if (!adding.ok) throw new Error(adding.error.en);
    const trainer = adding.trainer;
    expect(trainer.info.lossName).toEqual(msg('mean squared error', '均方误差'));
    expect(tr('zh', trainer.info.modelName!)).toBe('LSTM，隐藏层 64，序列长 50');
    const memory = await startTrainer('memory-lstm', { epochs: 1 });
    if (!memory.ok) throw new Error(memory.error.en);
    expect(memory.trainer.info.lossName).toBeUndefined();
  });
});
