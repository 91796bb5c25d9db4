import sys

# Prints the arguments it was started with: under the shell-form ENTRYPOINT it gets none.
print("app.py started with", sys.argv[1:])
