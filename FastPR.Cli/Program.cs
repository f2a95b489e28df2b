Console.WriteLine("fastpr: placeholder");
