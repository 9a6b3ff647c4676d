using KerasSharp.Layers;

namespace KerasSharp.Applications;

/// <summary>
/// The VGG family's shared body (keras/src/applications/vgg16.py and vgg19.py differ only in the number of 3x3
/// convolutions per block): blocks of "same" ReLU convolutions named <c>block{b}_conv{c}</c>, each followed by 2x2 max
/// pooling <c>block{b}_pool</c>, then the classifier (<c>flatten</c>, <c>fc1</c>, <c>fc2</c>, <c>predictions</c>) or
/// the optional global pooling, with Keras' argument checks and weight loading.
/// </summary>
internal static class VggBuilder
{
    public static Model Build(int[][] blocks, bool includeTop, string? weights, KerasTensor? inputTensor, Shape? inputShape,
        string? pooling, int classes, string? classifierActivation, string name, string weightsFile, string weightsUrl, string fileHash)
    {
        var (imgInput, activation) = ImagenetUtils.CheckArgumentsAndInput(weights, includeTop, classes, pooling, classifierActivation,
            inputShape, inputTensor);

        var x = imgInput;
        for (int b = 0; b < blocks.Length; b++)
        {
            for (int c = 0; c < blocks[b].Length; c++)
                x = new Conv2D(blocks[b][c], 3, activation: "relu", padding: "same", name: $"block{b + 1}_conv{c + 1}").Apply(x);
            x = new MaxPooling2D(2, strides: 2, name: $"block{b + 1}_pool").Apply(x);
        }

        if (includeTop)
        {
            x = new Flatten(name: "flatten").Apply(x);
            x = new Dense(4096, activation: "relu", name: "fc1").Apply(x);
            x = new Dense(4096, activation: "relu", name: "fc2").Apply(x);
            x = new Dense(classes, activation: activation, name: "predictions").Apply(x);
        }
        else if (pooling == "avg") x = new GlobalAveragePooling2D().Apply(x);
        else if (pooling == "max") x = new GlobalMaxPooling2D().Apply(x);

        var model = new Model(inputTensor is null ? [imgInput] : ImagenetUtils.SourceInputs(inputTensor), x, name);
        ImagenetUtils.LoadWeights(model, weights, weightsFile, weightsUrl, fileHash);
        return model;
    }
}
