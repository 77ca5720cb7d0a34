print("loyalty")
